/**
 * axe-core in the page: injects it (the session must be opened with `bypassCSP`), runs every rule and returns the
 * violations in a short form. The window is made as tall as the step's content first: axe 4.11.3 and later judge
 * colour contrast only for what is inside the viewport (dequelabs/axe-core#5183), and the steps scroll.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** The harness's window. */
const VIEWPORT = { width: 1280, height: 800 };
/** A taller window is capped: past this the steps' own scrolling regions hold the rest. */
const TALLEST = 4000;

export type Impact = 'minor' | 'moderate' | 'serious' | 'critical';

export interface Violation {
  readonly rule: string;
  readonly impact: Impact;
  readonly help: string;
  /** Each failing element: its selector and axe's summary of why (contrast ratios included). */
  readonly nodes: readonly { readonly target: string; readonly why: string }[];
}

interface AxeResult {
  id: string;
  impact: Impact | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

export interface Audit {
  readonly violations: Violation[];
  /** What axe could not decide (text over a canvas or an overlapping element): a person looks at these. */
  readonly undecided: Violation[];
}

function short(results: AxeResult[]): Violation[] {
  return results.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'minor',
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), why: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
  }));
}

export async function audit(page: Page): Promise<Audit> {
  const height = await page.evaluate(() => {
    const content = document.querySelector('main');
    return content ? content.scrollHeight + content.getBoundingClientRect().top : document.documentElement.scrollHeight;
  });
  await page.setViewportSize({ width: VIEWPORT.width, height: Math.min(TALLEST, Math.max(VIEWPORT.height, Math.ceil(height))) });
  try {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE });
    const results = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeResult[]; incomplete: AxeResult[] }> } }).axe;
      const { violations, incomplete } = await axe.run(document, { resultTypes: ['violations', 'incomplete'] });
      return { violations, incomplete };
    });
    return { violations: short(results.violations), undecided: short(results.incomplete) };
  } finally {
    await page.setViewportSize(VIEWPORT);
  }
}

/** The violations a test fails on: serious or critical. */
export function blocking(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Elements failing, per impact: the counts a report gives. */
export function countByImpact(violations: readonly Violation[]): Record<Impact, number> {
  const counts: Record<Impact, number> = { critical: 0, serious: 0, moderate: 0, minor: 0 };
  for (const v of violations) counts[v.impact] += v.nodes.length;
  return counts;
}

/**
 * Every form field's edge reads at 3:1 (WCAG 1.4.11): selects and text or number inputs take the field look of
 * base.css (--control-border, pinned at 3:1 by theme-contrast.test.ts), and no component draws a field's edge in
 * the faint separators (--border, --border-strong) except a disabled one, which says so by its grey.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = resolve(import.meta.dirname, '../../../renderer/src');
/** Colours a field's edge may take: the field edge itself, or a state the field is in. */
const EDGE_TOKENS = new Set(['--control-border', '--accent', '--warning', '--danger', '--focus']);
const FIELD = /(^|[\s,(>+~])(select|textarea|input(?!\[type=.(checkbox|radio|range)))\b|\.wz-(select|input)\b/;

function styleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return styleFiles(path);
    return /\.(svelte|css)$/.test(entry.name) ? [path] : [];
  });
}

/** Each rule of a file's styles: its selector and its declarations (nested blocks such as @media flattened). */
function rules(path: string): { selector: string; body: string }[] {
  const text = readFileSync(path, 'utf8');
  const css = path.endsWith('.css') ? text : [...text.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
  return [...css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1]!.replace(/\s+/g, ' ').trim(), body: m[2]! }));
}

function faintEdges(): string[] {
  return styleFiles(RENDERER).flatMap((path) =>
    rules(path).flatMap(({ selector, body }) => {
      if (!FIELD.test(selector) || /:disabled/.test(selector)) return [];
      return [...body.matchAll(/border(?:-color)?\s*:[^;]*var\((--[\w-]+)\)/g)]
        .filter((m) => !EDGE_TOKENS.has(m[1]!))
        .map((m) => `${relative(RENDERER, path)}: ${selector} { ${m[0].trim()} }`);
    }),
  );
}

describe('form field edges', () => {
  it('are drawn in --control-border (or a state colour) by every select and text or number input', () => {
    expect(faintEdges()).toEqual([]);
  });

  it('come from one field look in base.css, which components do not repeat', () => {
    const base = rules(join(RENDERER, 'styles/base.css')).find((r) => r.selector.startsWith(':where(select'));
    expect(base?.body).toContain('border: 1px solid var(--control-border)');
    const repeated = styleFiles(RENDERER).flatMap((path) =>
      rules(path)
        .filter(({ selector, body }) => FIELD.test(selector) && !selector.startsWith(':where(') && /border: 1px solid var\(--control-border\)/.test(body))
        .map(({ selector }) => `${relative(RENDERER, path)}: ${selector}`),
    );
    expect(repeated).toEqual([]);
  });
});

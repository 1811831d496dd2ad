/**
 * WCAG 2.1 contrast, and the theme's colours read from renderer/src/styles/theme.css (the file the app loads),
 * so a test of a colour pair tests what is on screen.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export type ThemeName = 'light' | 'dark';

function channels(hex: string): [number, number, number] {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = Number.parseInt(match[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Relative luminance (WCAG 2.1, 1.4.3). */
function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** `color-mix(in srgb, a p, b)`, as the browser computes it. */
export function mix(a: string, b: string, share: number): string {
  const ca = channels(a);
  const cb = channels(b);
  return `#${ca.map((x, i) => Math.round(x * share + cb[i]! * (1 - share)).toString(16).padStart(2, '0')).join('')}`;
}

/** `a` drawn at `opacity` over `background`. */
export function over(a: string, opacity: number, background: string): string {
  return mix(a, background, opacity);
}

const THEME_CSS = resolve(import.meta.dirname, '../../../renderer/src/styles/theme.css');

function declarations(block: string): Map<string, string> {
  return new Map([...block.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

/** Every custom property of a theme, `var()` references resolved. */
export function themeTokens(theme: ThemeName): Map<string, string> {
  const css = readFileSync(THEME_CSS, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const blocks = [...css.matchAll(/([^{}]+)\{([^}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
  // As the browser applies them: a block for `:root` holds in both themes, the theme's own block comes later.
  const selected = blocks.filter((b) => b.selector.split(',').some((part) => [':root', `:root[data-theme='${theme}']`].includes(part.trim())));
  const tokens = new Map<string, string>();
  for (const block of selected) for (const [name, value] of declarations(block.body)) tokens.set(name, value);
  const resolveValue = (value: string, depth = 0): string => (depth > 5 ? value : value.replace(/var\((--[\w-]+)\)/g, (_, name: string) => resolveValue(tokens.get(name) ?? `missing ${name}`, depth + 1)));
  return new Map([...tokens].map(([name, value]) => [name, resolveValue(value)]));
}

/** A colour token's value; fails the test when the token is missing or not a plain colour. */
export function color(tokens: Map<string, string>, name: string): string {
  const value = tokens.get(name);
  if (!value || !/^#[0-9a-f]{6}$/i.test(value)) throw new Error(`${name} is not a #rrggbb colour: ${value}`);
  return value;
}

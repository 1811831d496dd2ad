/**
 * The theme's colour pairs meet WCAG 2.1 AA in both themes: text 4.5:1 on every surface it is drawn on, a form
 * field's edge and the focus ring 3:1 (1.4.11), disabled controls still readable, and a confusion-matrix cell's
 * text at full heat. The pairs are the ones the components use (theme.css says which go together).
 */
import { describe, expect, it } from 'vitest';
import { color, contrast, mix, themeTokens, type ThemeName } from './wcag.ts';

const PAGE = ['--bg', '--surface', '--surface-2', '--sidebar'];
const TINTS = ['--accent-soft', '--warning-soft', '--success-soft', '--info-soft', '--danger-soft'];

/** Foreground token → the backgrounds it is drawn on, at 4.5:1. */
const TEXT: Record<string, readonly string[]> = {
  '--text': [...PAGE, '--surface-3', ...TINTS],
  '--text-muted': [...PAGE, '--surface-3', ...TINTS],
  '--text-faint': PAGE,
  '--text-disabled': ['--surface-disabled'],
  '--accent-text': ['--accent', '--accent-hover'],
  '--accent-soft-text': ['--accent-soft'],
  '--accent': ['--bg', '--surface', '--surface-2'],
  '--danger': ['--surface', '--surface-2', '--danger-soft'],
  '--warning': ['--surface', '--surface-2', '--warning-soft'],
  '--success': ['--surface', '--surface-2', '--success-soft'],
  '--info': ['--surface', '--surface-2', '--info-soft'],
};

/** Edges and marks that carry meaning, at 3:1. */
const GRAPHICS: Record<string, readonly string[]> = {
  '--control-border': ['--bg', '--surface', '--surface-2'],
  '--focus': [...PAGE, '--surface-3'],
  '--accent': ['--surface', '--surface-2', '--sidebar'],
};

function failures(theme: ThemeName, pairs: Record<string, readonly string[]>, minimum: number): string[] {
  const tokens = themeTokens(theme);
  return Object.entries(pairs).flatMap(([fg, backgrounds]) =>
    backgrounds.flatMap((bg) => {
      const ratio = contrast(color(tokens, fg), color(tokens, bg));
      return ratio >= minimum ? [] : [`${fg} on ${bg}: ${ratio.toFixed(2)}:1`];
    }),
  );
}

describe.each(['light', 'dark'] as const)('the %s theme', (theme) => {
  it('draws every text colour at 4.5:1 or more on the surfaces it is used on', () => {
    expect(failures(theme, TEXT, 4.5)).toEqual([]);
  });

  it('draws form field edges, the focus ring and accent marks at 3:1 or more', () => {
    expect(failures(theme, GRAPHICS, 3)).toEqual([]);
  });

  it('keeps a confusion-matrix cell readable at full heat, right (accent) or wrong (danger)', () => {
    const tokens = themeTokens(theme);
    const heat = Number.parseFloat(tokens.get('--heat-max')!) / 100;
    expect(heat).toBeGreaterThan(0.4);
    for (const hue of ['--accent', '--danger']) {
      const full = mix(color(tokens, hue), color(tokens, '--surface-2'), heat);
      expect(contrast(color(tokens, '--text'), full), `--text on ${hue} at ${heat * 100}%`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('tells secondary text from body text (a hierarchy, not one grey)', () => {
    const tokens = themeTokens(theme);
    const surface = color(tokens, '--surface');
    expect(contrast(color(tokens, '--text'), surface)).toBeGreaterThan(contrast(color(tokens, '--text-muted'), surface) + 4);
  });
});

describe('the contrast arithmetic', () => {
  it('matches WCAG’s published extremes and a known pair', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(mix('#000000', '#ffffff', 0.5)).toBe('#808080');
  });
});

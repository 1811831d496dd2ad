import { describe, expect, it } from 'vitest';
import { PALETTES, themedOption } from '../../../renderer/src/lib/charts/echarts.ts';

describe('themedOption', () => {
  it('keeps tooltips on the canvas even when a chart brings its own tooltip settings (HTML tooltips break the CSP)', () => {
    const option = themedOption(PALETTES.dark, { tooltip: { trigger: 'item', renderMode: 'html' }, series: [] });
    expect(option.tooltip).toMatchObject({ trigger: 'item', renderMode: 'richText', backgroundColor: PALETTES.dark.tooltip });
    expect(themedOption(PALETTES.light, {}).tooltip).toMatchObject({ renderMode: 'richText' });
  });

  it('applies the theme’s colours under the chart’s own settings', () => {
    const option = themedOption(PALETTES.light, { series: [{ type: 'bar' }] });
    expect(option).toMatchObject({ backgroundColor: 'transparent', color: PALETTES.light.series, series: [{ type: 'bar' }] });
  });
});

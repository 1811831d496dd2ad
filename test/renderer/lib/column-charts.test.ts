/** The column cards' chart options, from real profiles (titanic). ECharts itself is tested in Chromium (e2e). */
import { beforeAll, describe, expect, it } from 'vitest';
import { profileTable, type ColumnProfile } from '../../../engine/table/profile.ts';
import { loadTable } from '../../../main/io/load-table.ts';
import { PALETTES } from '../../../renderer/src/lib/charts/echarts.ts';
import { hasChart, histogramOption, statText, topValuesOption } from '../../../renderer/src/lib/charts/column-charts.ts';

let columns: Map<string, ColumnProfile>;

beforeAll(async () => {
  const table = (await loadTable('resources/samples/titanic.csv', {})).table;
  columns = new Map(profileTable(table).columns.map((c) => [c.name, c]));
});

type Bar = { value: [number, number]; range: string };
type Series = { data: Bar[] | number[]; markLine?: { data: { xAxis: number }[] }; markArea?: unknown };

describe('histogramOption', () => {
  it('puts each bin of Fare at its centre with its count, on an axis that shows every bin whole', () => {
    const fare = columns.get('Fare')!;
    const option = histogramOption(fare, PALETTES.light) as { xAxis: { min: number; max: number }; series: Series[] };
    const bars = option.series[0]!.data as Bar[];
    expect(bars).toHaveLength(20);
    expect(bars.reduce((n, b) => n + b.value[1], 0)).toBe(891);
    // pandas: (titanic.Fare < 512.3292 / 20).sum() == 562
    expect(bars[0]).toEqual({ value: [512.3292 / 40, 562], range: '0 – 25.62' });
    expect(option.xAxis.min).toBeLessThan(0);
    expect(option.xAxis.max).toBeGreaterThan(512.3292);
    expect(option.series[0]!.markLine, 'no bounds, no lines').toBeUndefined();
  });

  it('numbers its y axis with whole row counts', () => {
    const option = histogramOption(columns.get('Fare')!, PALETTES.light) as { yAxis: { minInterval: number; axisLabel: { show?: boolean; formatter: (v: number) => string } } };
    expect(option.yAxis.axisLabel.show).not.toBe(false);
    expect(option.yAxis.minInterval).toBe(1);
    expect(option.yAxis.axisLabel.formatter(1200)).toBe('1,200');
  });

  it('draws outlier bounds as two lines, shading outside them, and widens the axis to show a bound past the data', () => {
    const age = columns.get('Age')!;
    const option = histogramOption(age, PALETTES.dark, { low: -13.3, high: 72.3 }) as { xAxis: { min: number; max: number }; series: Series[] };
    expect(option.series[0]!.markLine!.data).toEqual([{ xAxis: -13.3 }, { xAxis: 72.3 }]);
    expect(option.series[0]!.markArea).toBeDefined();
    expect(option.xAxis.min).toBeLessThan(-13.3);
    expect(option.xAxis.max).toBeGreaterThan(80);
  });
});

describe('topValuesOption and statistics', () => {
  it('lists the most frequent ports of embarkation, most frequent on top', () => {
    const option = topValuesOption(columns.get('Embarked')!, PALETTES.light) as { yAxis: { data: string[] }; series: Series[] };
    expect(option.yAxis.data).toEqual(['Q', 'C', 'S']);
    expect(option.series[0]!.data).toEqual([77, 168, 644]);
  });

  it('says which columns have a chart, and writes statistics as a person reads them', () => {
    expect([...columns.values()].filter((c) => !hasChart(c))).toEqual([]);
    expect(statText(29.69911764705882, 'numeric')).toBe('29.7');
    expect(statText(165201645.6, 'id')).toBe('165,200,000');
    expect(statText(2008, 'integer'), 'a year').toBe('2008');
    expect(statText(Date.UTC(2024, 1, 29), 'datetime')).toBe('2024-02-29');
    expect(statText(undefined, 'numeric')).toBe('—');
  });
});

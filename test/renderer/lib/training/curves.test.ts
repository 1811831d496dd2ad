import { describe, expect, it } from 'vitest';
import type { EpochEvent } from '../../../../engine/nn/fit-types.ts';
import { PALETTES } from '../../../../renderer/src/lib/charts/echarts.ts';
import { MAX_LINE_POINTS } from '../../../../renderer/src/lib/charts/thin.ts';
import { axisEnd, duration, epochLabel, lossOption, metricOption, type CurveRun } from '../../../../renderer/src/lib/training/curves.ts';

function curve(done: number, planned: number, label = 'Run 1'): CurveRun {
  const epochs: EpochEvent[] = Array.from({ length: done }, (_, i) => ({ epoch: i + 1, epochs: planned, logs: { loss: 1 / (i + 1), val_loss: 1.1 / (i + 1), accuracy: 0.8, val_accuracy: 0.79 }, learningRate: 0.001, epochSeconds: 1, bestEpoch: i + 1, samplesPerSecond: 1, elapsedSeconds: i, etaSeconds: 1 }));
  return { label, epochs, batchLoss: [[0.5, 2], [done, 1 / done]], bestEpoch: done, plannedEpochs: planned };
}

type Series = { name: string; data: [number, number][]; markLine?: { data: { xAxis: number }[] } };

describe('training curves', () => {
  it('ends the epoch axis at the plan when the run gets near it, a little past the curves otherwise', () => {
    expect(axisEnd([curve(18, 20)])).toBe(20);
    expect(axisEnd([curve(40, 2000)])).toBe(50);
    expect(axisEnd([curve(1, 2000)]), 'never shorter than 10 epochs').toBe(10);
    expect(axisEnd([curve(40, 2000), curve(80, 100, 'Run 2')])).toBe(100);
  });

  it("draws batch and epoch training loss (said to come from the epoch's batches, as Keras), validation loss with the best epoch marked, and compared runs", () => {
    const option = lossOption(PALETTES.light, curve(5, 20), [curve(8, 20, 'Run 2')]) as { series: Series[] };
    expect(option.series.map((s) => s.name)).toEqual(['Training loss (per batch)', "Training loss (over the epoch's batches)", 'Validation loss', 'Run 2 validation']);
    expect(option.series[1]!.data).toHaveLength(5);
    expect(option.series[2]!.markLine!.data).toEqual([{ xAxis: 5 }]);
    expect(option.series[3]!.data).toHaveLength(8);
  });

  it('draws a 10,000-epoch run with no more points than a short one, the first and newest epochs exact', () => {
    // Drawing every epoch made each redraw cost more as a run went on, until the window stopped answering.
    const long = curve(10_000, 10_000);
    const batches = Array.from({ length: 2000 }, (_, i) => [i * 5, 1 / (i + 1)] as const);
    const option = lossOption(PALETTES.light, { ...long, batchLoss: batches }, [curve(10_000, 10_000, 'Run 2')]) as { series: Series[] };
    for (const series of option.series) expect(series.data.length, series.name).toBeLessThanOrEqual(MAX_LINE_POINTS);
    const validation = option.series[2]!.data;
    expect(validation[0]).toEqual([1, 1.1]);
    expect(validation.at(-1)).toEqual([10_000, 1.1 / 10_000]);
    const metric = metricOption(PALETTES.light, long, { key: 'accuracy', label: 'accuracy' }) as { series: Series[] };
    for (const series of metric.series) expect(series.data.length, series.name).toBeLessThanOrEqual(MAX_LINE_POINTS);
  });

  it("draws the task's metric for training (from the epoch's batches, as Keras) and validation, skipping values that are not numbers", () => {
    const run = curve(3, 20);
    const broken = { ...run, epochs: run.epochs.map((e, i) => (i === 1 ? { ...e, logs: { ...e.logs, val_accuracy: Number.NaN } } : e)) };
    const option = metricOption(PALETTES.dark, broken, { key: 'accuracy', label: 'accuracy' }) as { series: Series[] };
    expect(option.series.map((s) => [s.name, s.data.length])).toEqual([
      ["Training accuracy (over the epoch's batches)", 3],
      ['Validation accuracy', 2],
    ]);
  });

  it('says how long in seconds, minutes or hours', () => {
    expect(duration(45.4)).toBe('45 s');
    expect(duration(0.37), 'a short run never reads "0 s"').toBe('0.4 s');
    expect(duration(0.02)).toBe('under 0.1 s');
    expect(duration(9.2)).toBe('9.2 s');
    expect(duration(185)).toBe('3 min 05 s');
    expect(duration(3720)).toBe('1 h 02 min');
    expect(duration(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('the curves tooltip', () => {
  it('heads each point with a whole epoch, never "2,956.00"', () => {
    expect(epochLabel(2956)).toBe('epoch 2956');
    expect(epochLabel(2955.62)).toBe('epoch 2956');
  });
});

/**
 * The Train step's charts as ECharts options, built from a run's history: the loss per batch (thin) and per
 * epoch for training and validation, the best epoch marked, other runs' validation curves for comparison; and
 * the task's metric (accuracy or R²). Pure: the Chart component draws what these return.
 */
import type { EpochEvent } from '../../../../engine/nn/fit-types.ts';
import { lineIn, seriesLook, type ChartOption, type ChartPalette } from '../charts/echarts.ts';
import { thinLine } from '../charts/thin.ts';

export interface CurveRun {
  readonly label: string;
  readonly epochs: readonly EpochEvent[];
  readonly batchLoss: readonly (readonly [number, number])[];
  readonly bestEpoch: number | null;
  /** Epochs planned, for the x axis (it does not jump as epochs arrive). */
  readonly plannedEpochs: number;
}

/**
 * As Keras reports them, an epoch's training loss and metric are taken from the batches it trained on (each
 * with the weights of its step, dropout active), not from a pass over the training rows after the epoch; the
 * validation values come from the end-of-epoch weights. The legend says so.
 */
const OVER_BATCHES = "(over the epoch's batches)";
const TRAINING_LOSS = `Training loss ${OVER_BATCHES}`;

/** One value per epoch, thinned: a long run's curves cost the chart no more than a short one's (thin.ts). */
function points(epochs: readonly EpochEvent[], key: string): readonly [number, number][] {
  const line: [number, number][] = [];
  for (const e of epochs) {
    const value = e.logs[key];
    if (value !== undefined && Number.isFinite(value)) line.push([e.epoch, value]);
  }
  return thinLine(line);
}

/**
 * The x axis ends at the planned epochs when the run is near them, otherwise a little past where the curves
 * are: a 2,000-epoch run that early stopping ends at epoch 40 would otherwise be a line squeezed at the left.
 */
export function axisEnd(runs: readonly CurveRun[]): number {
  const reached = Math.max(0, ...runs.map((r) => Math.max(r.epochs.at(-1)?.epoch ?? 0, r.batchLoss.at(-1)?.[0] ?? 0)));
  const planned = Math.max(1, ...runs.map((r) => r.plannedEpochs));
  return Math.min(planned, Math.max(10, Math.ceil(reached * 1.25)));
}

/** `legendRows`: how many lines the legend takes at the charts' width, so the plot starts below it (side by side, both charts start at the same height). */
function base(palette: ChartPalette, xMax: number, legendRows = 3): ChartOption {
  const axisLine = { lineStyle: { color: palette.grid } };
  return {
    animation: false,
    grid: { left: 48, right: 24, top: 22 * legendRows + 20, bottom: 40 },
    legend: { top: 0, textStyle: { color: palette.muted }, itemWidth: 16 },
    tooltip: { trigger: 'axis', valueFormatter: (v: number) => (typeof v === 'number' ? v.toPrecision(4) : String(v)) },
    xAxis: {
      type: 'value',
      name: 'epoch',
      nameLocation: 'middle',
      nameGap: 26,
      min: 0,
      max: xMax,
      minInterval: 1,
      axisLine,
      splitLine: { show: false },
      axisLabel: { color: palette.muted },
      // The tooltip's heading: an epoch is a whole number ("epoch 2956", never "2,956.00").
      axisPointer: { label: { formatter: (p: { value: number }) => epochLabel(p.value) } },
    },
    yAxis: { type: 'value', scale: true, axisLine, splitLine: { lineStyle: { color: palette.grid } }, axisLabel: { color: palette.muted } },
  };
}

/**
 * The per-batch loss is background detail: a thin line in the axis grey, faded no further than 3:1 on the chart's
 * background (WCAG 1.4.11).
 */
export const BATCH_OPACITY = 0.75;

/** Training is solid with circles, validation dashed with triangles, compared runs in the next styles: never colour alone. */
export function lossOption(palette: ChartPalette, run: CurveRun, compared: readonly CurveRun[]): ChartOption {
  const best = run.bestEpoch;
  return {
    ...base(palette, axisEnd([run, ...compared]), 3 + Math.ceil(compared.length / 2)),
    series: [
      { name: 'Training loss (per batch)', type: 'line', data: thinLine(run.batchLoss), symbol: 'none', lineStyle: { width: 1, opacity: BATCH_OPACITY, color: palette.muted }, itemStyle: { color: palette.muted }, z: 1 },
      { name: TRAINING_LOSS, ...lineIn(seriesLook(palette, 0), points(run.epochs, 'loss')) },
      {
        name: 'Validation loss',
        ...lineIn(seriesLook(palette, 1), points(run.epochs, 'val_loss')),
        ...(best !== null
          ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: palette.muted }, label: { formatter: `best: epoch ${best}`, color: palette.muted, position: 'insideEndTop' }, data: [{ xAxis: best }] } }
          : {}),
      },
      ...compared.map((c, i) => ({ name: `${c.label} validation`, ...lineIn(seriesLook(palette, i + 2), points(c.epochs, 'val_loss'), 1.5) })),
    ],
  };
}

export function metricOption(palette: ChartPalette, run: CurveRun, metric: { readonly key: string; readonly label: string }): ChartOption {
  return {
    ...base(palette, axisEnd([run])),
    series: [
      { name: `Training ${metric.label} ${OVER_BATCHES}`, ...lineIn(seriesLook(palette, 0), points(run.epochs, metric.key)) },
      { name: `Validation ${metric.label}`, ...lineIn(seriesLook(palette, 1), points(run.epochs, `val_${metric.key}`)) },
    ],
  };
}

/** The tooltip heading of the curves: the epoch as a whole number, without grouping. */
export function epochLabel(value: number): string {
  return `epoch ${Math.round(value)}`;
}

/** "0.4 s", "8.5 s", "45 s", "3 min 05 s", "1 h 02 min": a short run never reads "0 s". */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '—';
  if (seconds < 0.1) return 'under 0.1 s';
  if (seconds < 9.95) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * The quantity early stopping and reduce-on-plateau watch: a log key checked against what the run reports,
 * and the direction in which it improves.
 */
import { UserFacingError } from '../../errors.ts';
import type { FitMetric, MonitorMode } from '../fit-types.ts';

export interface Monitor {
  readonly name: string;
  readonly direction: 'min' | 'max';
}

/** The log keys a run reports at each epoch end, in order. */
export function logKeys(metrics: readonly FitMetric[], hasValidation: boolean): string[] {
  const names = ['loss', ...metrics.map((m) => m.name)];
  return hasValidation ? [...names, ...names.map((n) => `val_${n}`)] : names;
}

export function resolveMonitor(who: string, name: string, mode: MonitorMode, metrics: readonly FitMetric[], hasValidation: boolean): Monitor {
  const keys = logKeys(metrics, hasValidation);
  if (!keys.includes(name)) {
    const hint = name.startsWith('val_') && !hasValidation ? ' Set a validation split to get val_ values, or watch a training value.' : '';
    throw new UserFacingError('invalid-monitor', `${who} watches "${name}", which this training does not report (it reports ${keys.join(', ')}).${hint}`);
  }
  if (mode === 'min' || mode === 'max') return { name, direction: mode };
  if (mode !== 'auto') throw new UserFacingError('invalid-monitor', `${who}: mode must be auto, min or max, got ${JSON.stringify(mode)}.`);
  const base = name.startsWith('val_') ? name.slice(4) : name;
  const direction = base === 'loss' ? 'min' : metrics.find((m) => m.name === base)?.direction;
  if (!direction) throw new UserFacingError('invalid-monitor', `${who} cannot tell whether a higher or a lower "${name}" is better: set its mode to min or max.`);
  return { name, direction };
}

/** `current` beats `reference` by more than `minDelta` in the monitor's direction (Keras' `_is_improvement`). */
export function improves(monitor: Monitor, current: number, reference: number, minDelta: number): boolean {
  return monitor.direction === 'min' ? current + minDelta < reference : current - minDelta > reference;
}

export function worstValue(monitor: Monitor): number {
  return monitor.direction === 'min' ? Infinity : -Infinity;
}

/** The best value seen so far and its epoch. */
export class BestTracker {
  best: number;
  bestEpoch: number | null = null;

  constructor(
    readonly monitor: Monitor,
    private readonly minDelta = 0,
  ) {
    this.best = worstValue(monitor);
  }

  /** Records the epoch's value; true when it is a new best. */
  update(epoch: number, logs: Readonly<Record<string, number>>): boolean {
    const value = logs[this.monitor.name]!;
    if (!improves(this.monitor, value, this.best, this.minDelta)) return false;
    this.best = value;
    this.bestEpoch = epoch;
    return true;
  }
}

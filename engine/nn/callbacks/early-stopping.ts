/**
 * Keras' EarlyStopping, epoch for epoch: the first monitored epoch always counts as the best; training stops
 * once `patience` epochs in a row fail to beat the best by more than `minDelta` (never after the first epoch);
 * with a `baseline`, the patience counter only resets on epochs that also beat the baseline. The best weights
 * are kept by the engine itself (a snapshot per improving epoch), which TF.js' EarlyStopping cannot do.
 */
import type { EarlyStoppingOptions, FitMetric } from '../fit-types.ts';
import { ParamSnapshot } from '../param-snapshot.ts';
import type { Param } from '../types.ts';
import { checkOption, isFiniteNumber, isWholeNumber } from './check-option.ts';
import { improves, resolveMonitor, worstValue, type Monitor } from './monitor.ts';

const WHO = 'Early stopping';

export class EarlyStopping {
  readonly monitor: Monitor;
  readonly patience: number;
  readonly minDelta: number;
  readonly baseline: number | undefined;
  readonly startFromEpoch: number;
  private readonly snapshot: ParamSnapshot | null;
  private wait = 0;
  best: number;
  bestEpoch: number | null = null;

  constructor(options: EarlyStoppingOptions, metrics: readonly FitMetric[], hasValidation: boolean, params: readonly Param[]) {
    const { patience = 0, minDelta = 0, baseline, startFromEpoch = 0, restoreBestWeights = false } = options;
    checkOption(isWholeNumber(patience), WHO, 'patience', 'a whole number of epochs ≥ 0', patience);
    checkOption(isFiniteNumber(minDelta), WHO, 'minDelta', 'a number', minDelta);
    checkOption(baseline === undefined || isFiniteNumber(baseline), WHO, 'baseline', 'a number', baseline);
    checkOption(isWholeNumber(startFromEpoch), WHO, 'startFromEpoch', 'a whole number of epochs ≥ 0', startFromEpoch);
    checkOption(typeof restoreBestWeights === 'boolean', WHO, 'restoreBestWeights', 'true or false', restoreBestWeights);
    this.monitor = resolveMonitor(WHO, options.monitor ?? 'val_loss', options.mode ?? 'auto', metrics, hasValidation);
    this.patience = patience;
    this.minDelta = Math.abs(minDelta);
    this.baseline = baseline;
    this.startFromEpoch = startFromEpoch;
    this.snapshot = restoreBestWeights ? new ParamSnapshot(params) : null;
    this.best = worstValue(this.monitor);
  }

  /** Call after each epoch's logs are complete; true when training should stop now. */
  onEpochEnd(epoch: number, logs: Readonly<Record<string, number>>): boolean {
    if (epoch <= this.startFromEpoch) return false;
    const current = logs[this.monitor.name]!;
    if (this.snapshot && this.snapshot.epoch === null) {
      this.snapshot.capture(epoch);
      this.bestEpoch = epoch;
    }
    this.wait++;
    if (improves(this.monitor, current, this.best, this.minDelta)) {
      this.best = current;
      this.bestEpoch = epoch;
      this.snapshot?.capture(epoch);
      if (this.baseline === undefined || improves(this.monitor, current, this.baseline, this.minDelta)) this.wait = 0;
      return false;
    }
    return this.wait >= this.patience && epoch > 1;
  }

  /** Puts back the best epoch's weights when `restoreBestWeights` is on and one was seen; returns its epoch. */
  restoreBest(): number | null {
    return this.snapshot && this.snapshot.epoch !== null ? this.snapshot.restore() : null;
  }
}

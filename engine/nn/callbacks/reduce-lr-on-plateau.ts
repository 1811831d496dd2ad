/**
 * Keras' ReduceLROnPlateau: after `patience` epochs without the monitored value beating its best by more than
 * `minDelta`, multiply the optimizer's rate by `factor` (not below `minLearningRate`), then ignore `cooldown`
 * epochs. The new rate applies from the next epoch.
 */
import type { FitMetric, ReduceLrOnPlateauOptions } from '../fit-types.ts';
import type { Optimizer } from '../types.ts';
import { checkOption, isFiniteNumber, isWholeNumber } from './check-option.ts';
import { improves, resolveMonitor, worstValue, type Monitor } from './monitor.ts';

const WHO = 'Reduce learning rate on plateau';

export class ReduceLrOnPlateau {
  readonly monitor: Monitor;
  readonly factor: number;
  readonly patience: number;
  readonly minDelta: number;
  readonly cooldown: number;
  readonly minLearningRate: number;
  private best: number;
  private wait = 0;
  private cooldownLeft = 0;

  constructor(options: ReduceLrOnPlateauOptions, metrics: readonly FitMetric[], hasValidation: boolean) {
    const { factor = 0.1, patience = 10, minDelta = 1e-4, cooldown = 0, minLearningRate = 0 } = options;
    checkOption(isFiniteNumber(factor) && factor > 0 && factor < 1, WHO, 'factor', 'a number between 0 and 1 (e.g. 0.1 or 0.5)', factor);
    checkOption(isWholeNumber(patience), WHO, 'patience', 'a whole number of epochs ≥ 0', patience);
    checkOption(isFiniteNumber(minDelta) && minDelta >= 0, WHO, 'minDelta', 'a number ≥ 0', minDelta);
    checkOption(isWholeNumber(cooldown), WHO, 'cooldown', 'a whole number of epochs ≥ 0', cooldown);
    checkOption(isFiniteNumber(minLearningRate) && minLearningRate >= 0, WHO, 'minLearningRate', 'a number ≥ 0', minLearningRate);
    this.monitor = resolveMonitor(WHO, options.monitor ?? 'val_loss', options.mode ?? 'auto', metrics, hasValidation);
    this.factor = factor;
    this.patience = patience;
    this.minDelta = minDelta;
    this.cooldown = cooldown;
    this.minLearningRate = minLearningRate;
    this.best = worstValue(this.monitor);
  }

  /** Call after each epoch's logs are complete; true when it lowered the optimizer's rate. */
  onEpochEnd(logs: Readonly<Record<string, number>>, optimizer: Optimizer): boolean {
    const current = logs[this.monitor.name]!;
    if (this.cooldownLeft > 0) {
      this.cooldownLeft--;
      this.wait = 0;
    }
    if (improves(this.monitor, current, this.best, this.minDelta)) {
      this.best = current;
      this.wait = 0;
      return false;
    }
    if (this.cooldownLeft > 0 || ++this.wait < this.patience) return false;
    const rate = optimizer.learningRate;
    if (!(rate > this.minLearningRate)) return false;
    optimizer.learningRate = Math.max(rate * this.factor, this.minLearningRate);
    this.cooldownLeft = this.cooldown;
    this.wait = 0;
    return true;
  }
}

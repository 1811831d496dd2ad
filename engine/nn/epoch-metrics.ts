/**
 * An epoch's logs besides its loss, as Keras computes them: the training metrics from the outputs of the
 * batches the epoch already ran (training-mode passes, each with the weights of its own step, dropout active),
 * not from a second pass over every training row; the validation loss and metrics from one inference pass
 * written into buffers allocated once per run.
 */
import type { FitMetric, TrainingData } from './fit-types.ts';
import type { TrainableNetwork } from './types.ts';

export class EpochMetrics {
  /** The epoch's targets and outputs, in the (shuffled) order their batches ran. */
  private readonly trainY: Float32Array;
  private readonly trainOutputs: Float32Array;
  private seen = 0;
  private readonly validationOutputs: Float32Array;
  private readonly targetWidth: number;

  constructor(
    private readonly network: TrainableNetwork,
    private readonly metrics: readonly FitMetric[],
    train: TrainingData,
    private readonly validation: TrainingData | null,
  ) {
    const wanted = metrics.length > 0;
    this.targetWidth = train.targetWidth;
    this.trainY = new Float32Array(wanted ? train.rows * train.targetWidth : 0);
    this.trainOutputs = new Float32Array(wanted ? train.rows * network.outputSize : 0);
    this.validationOutputs = new Float32Array(validation && (wanted || network.evaluate) ? validation.rows * network.outputSize : 0);
  }

  /** After a batch's gradients: keeps its targets and its outputs (nothing to do without metrics). */
  addBatch(x: Float32Array, y: Float32Array, rows: number): void {
    if (this.metrics.length === 0) return;
    const width = this.network.outputSize, targetWidth = this.targetWidth;
    const outputs = this.network.batchOutputs ? this.network.batchOutputs() : this.network.predict(x, rows);
    // Plain loops: a batch of the classic network is a few microseconds, and every subarray is an allocation.
    const yAt = this.seen * targetWidth, outAt = this.seen * width;
    for (let i = 0, n = rows * targetWidth; i < n; i++) this.trainY[yAt + i] = y[i]!;
    for (let i = 0, n = rows * width; i < n; i++) this.trainOutputs[outAt + i] = outputs[i]!;
    this.seen += rows;
  }

  /** loss, each metric, and with validation val_loss and each val_<metric>; the next epoch starts afresh. */
  logs(loss: number): Record<string, number> {
    const logs: Record<string, number> = { loss };
    const width = this.network.outputSize, targetWidth = this.targetWidth;
    for (const m of this.metrics) logs[m.name] = m.compute(this.trainY.subarray(0, this.seen * targetWidth), this.trainOutputs.subarray(0, this.seen * width), this.seen);
    this.seen = 0;
    const validation = this.validation;
    if (!validation) return logs;
    let outputs: Float32Array | null = null;
    if (this.network.evaluate) {
      logs['val_loss'] = this.network.evaluate(validation.x, validation.y, validation.rows, this.validationOutputs);
      outputs = this.validationOutputs;
    } else {
      logs['val_loss'] = this.network.evaluateLoss(validation.x, validation.y, validation.rows);
      if (this.metrics.length > 0) outputs = this.network.predict(validation.x, validation.rows);
    }
    for (const m of this.metrics) logs[`val_${m.name}`] = m.compute(validation.y, outputs!, validation.rows);
    return logs;
  }
}

/**
 * The training loop. Synchronous on purpose: it runs in a worker thread, and a paused run blocks on the shared
 * control word, so it needs no event loop and costs nothing per batch.
 *
 * Each epoch: reshuffle the row order (seeded Fisher–Yates), gather each batch into buffers allocated once,
 * compute gradients, keep the batch's outputs for the training metrics, step the optimizer. Between batches:
 * pause/cancel, and a throttled progress event only when someone listens. After each epoch: training and
 * validation logs (epoch-metrics.ts), early stopping, reduce-on-plateau.
 * A non-finite loss or weight stops the run and puts back the last finite weights. Same seed, data and
 * network: bit-identical weights.
 */
import { UserFacingError } from '../errors.ts';
import { EarlyStopping } from './callbacks/early-stopping.ts';
import { EpochMetrics } from './epoch-metrics.ts';
import { checkOption, isWholeNumber } from './callbacks/check-option.ts';
import { BestTracker, logKeys, resolveMonitor } from './callbacks/monitor.ts';
import { ReduceLrOnPlateau } from './callbacks/reduce-lr-on-plateau.ts';
import { BatchGatherer, prepareData } from './fit-data.ts';
import type { FitHistory, FitHooks, FitMetric, FitOptions, StopReason, TrainingData } from './fit-types.ts';
import { createOptimizer, type OptimizerSettings } from './optimizers/create-optimizer.ts';
import { paramsAreFinite, ParamSnapshot } from './param-snapshot.ts';
import { Rng } from './rng.ts';
import { defaultClock, RunClock } from './run-clock.ts';
import type { Optimizer, TrainableNetwork } from './types.ts';

const WHO = 'Training';

/** Why an epoch ended before its last batch. */
interface Interruption {
  readonly reason: 'cancelled' | 'diverged';
  readonly epoch: number;
  /** The batch that was about to run (cancelled) or whose loss was not finite (diverged); 0: at the epoch's end. */
  readonly batch: number;
  readonly loss?: number;
}

function checkMetrics(metrics: readonly FitMetric[]): void {
  const seen = new Set<string>();
  for (const m of metrics) {
    const name = m.name;
    if (typeof name !== 'string' || name === '' || name === 'loss' || name === 'learning_rate' || name.startsWith('val_') || seen.has(name)) {
      throw new UserFacingError('invalid-training-options', `Metric name ${JSON.stringify(name)} cannot be used: names must be unique, not empty, not "loss" or "learning_rate", and not start with "val_".`);
    }
    seen.add(name);
  }
}

function toOptimizer(choice: FitOptions['optimizer']): Optimizer {
  if (choice === undefined) return createOptimizer({ kind: 'adam' });
  return typeof (choice as Optimizer).step === 'function' ? (choice as Optimizer) : createOptimizer(choice as OptimizerSettings);
}

const format = (value: number): string => (Number.isFinite(value) ? Number(value.toPrecision(4)).toString() : String(value));

export function fit(network: TrainableNetwork, data: TrainingData, options: FitOptions, hooks: FitHooks = {}): FitHistory {
  const { epochs, batchSize = 32, shuffle = true, batchEventEvery = 1, seed = 42 } = options;
  checkOption(isWholeNumber(epochs) && epochs >= 1, WHO, 'epochs', 'a whole number ≥ 1', epochs);
  checkOption(isWholeNumber(batchSize) && batchSize >= 1, WHO, 'batchSize', 'a whole number ≥ 1', batchSize);
  checkOption(typeof shuffle === 'boolean', WHO, 'shuffle', 'true or false', shuffle);
  checkOption(isWholeNumber(batchEventEvery) && batchEventEvery >= 1, WHO, 'batchEventEvery', 'a whole number ≥ 1', batchEventEvery);
  checkOption(Number.isInteger(seed), WHO, 'seed', 'a whole number', seed);
  const metrics = options.metrics ?? [];
  checkMetrics(metrics);

  const { train, validation, sampleWeights } = prepareData(network.inputSize, data, options);
  const hasValidation = validation !== null;
  const params = network.params();
  const optimizer = toOptimizer(options.optimizer);
  const earlyStopping = options.earlyStopping ? new EarlyStopping(options.earlyStopping, metrics, hasValidation, params) : null;
  const reduceLr = options.reduceLrOnPlateau ? new ReduceLrOnPlateau(options.reduceLrOnPlateau, metrics, hasValidation) : null;
  const best = earlyStopping ? null : new BestTracker(resolveMonitor(WHO, hasValidation ? 'val_loss' : 'loss', 'min', metrics, hasValidation));
  const bestEpoch = (): number | null => (earlyStopping ? earlyStopping.bestEpoch : best!.bestEpoch);

  // Two independent streams, so that switching shuffling off does not change the dropout masks.
  const rng = options.rng ?? new Rng(seed);
  const shuffleRng = rng.fork();
  const layerRng = rng.fork();

  const control = options.control ?? null;
  const clock = new RunClock(options.clock ?? defaultClock());
  const batches = Math.ceil(train.rows / batchSize);
  const totalBatches = epochs * batches;
  const gatherer = new BatchGatherer(train, sampleWeights, batchSize);
  const order = Uint32Array.from({ length: train.rows }, (_, i) => i);
  const epochMetrics = new EpochMetrics(network, metrics, train, validation);
  const lastFinite = new ParamSnapshot(params);
  lastFinite.capture(0);
  const history: Record<string, number[]> = {};
  for (const key of [...logKeys(metrics, hasValidation), 'learning_rate']) history[key] = [];
  let samplesDone = 0;
  let batchesDone = 0;
  let epochsCompleted = 0;

  /** Runs one epoch's batches; returns its mean loss, or why it stopped early. */
  const trainEpoch = (epoch: number): number | Interruption => {
    if (shuffle) shuffleRng.shuffle(order);
    let lossSum = 0;
    let seen = 0;
    for (let batch = 1; batch <= batches; batch++) {
      if (control !== null && control.interrupted()) {
        const paused = control.command === 'pause';
        if (paused) {
          hooks.onPause?.({ epoch, batch });
          clock.pause();
          control.waitWhilePaused();
          clock.resume();
        }
        if (control.cancelled) return { reason: 'cancelled', epoch, batch };
        if (paused) hooks.onResume?.({ epoch, batch });
      }
      const start = (batch - 1) * batchSize;
      const rows = Math.min(batchSize, train.rows - start);
      gatherer.gather(order, start, rows);
      const loss = network.computeGradients(gatherer.x, gatherer.y, rows, layerRng, gatherer.weights ?? undefined);
      if (!Number.isFinite(loss)) return { reason: 'diverged', epoch, batch, loss };
      epochMetrics.addBatch(gatherer.x, gatherer.y, rows);
      optimizer.step(params);
      lossSum += loss * rows;
      seen += rows;
      samplesDone += rows;
      batchesDone++;
      if (hooks.onBatchEnd && (batch % batchEventEvery === 0 || batch === batches)) {
        hooks.onBatchEnd({ epoch, epochs, batch, batches, loss: lossSum / seen, learningRate: optimizer.learningRate, ...clock.timing(samplesDone, batchesDone / totalBatches) });
      }
    }
    return lossSum / seen;
  };

  let stopReason: StopReason = 'completed';
  let interruption: Interruption | null = null;
  control?.setStatus('running');
  try {
    hooks.onTrainBegin?.({ epochs, batchesPerEpoch: batches, trainRows: train.rows, validationRows: validation?.rows ?? 0, learningRate: optimizer.learningRate });
    for (let epoch = 1; epoch <= epochs; epoch++) {
      const epochStarted = clock.elapsedSeconds();
      const learningRate = optimizer.learningRate;
      const outcome = trainEpoch(epoch);
      interruption = typeof outcome === 'number' ? (paramsAreFinite(params) ? null : { reason: 'diverged', epoch, batch: 0 }) : outcome;
      if (interruption) {
        stopReason = interruption.reason;
        break;
      }
      const logs = epochMetrics.logs(outcome as number);
      lastFinite.capture(epoch);
      epochsCompleted = epoch;
      for (const [key, value] of Object.entries(logs)) history[key]!.push(value);
      history['learning_rate']!.push(learningRate);
      best?.update(epoch, logs);
      const stopNow = earlyStopping?.onEpochEnd(epoch, logs) ?? false;
      reduceLr?.onEpochEnd(logs, optimizer);
      hooks.onEpochEnd?.({
        epoch,
        epochs,
        logs,
        learningRate,
        epochSeconds: clock.elapsedSeconds() - epochStarted,
        bestEpoch: bestEpoch(),
        ...clock.timing(samplesDone, batchesDone / totalBatches),
      });
      if (stopNow) {
        stopReason = 'early-stopped';
        break;
      }
    }
  } finally {
    control?.setStatus('finished');
  }

  const restoredLastFinite = stopReason === 'diverged' ? lastFinite.restore() : null;
  const restoredBest = earlyStopping?.restoreBest() ?? null;
  const seconds = clock.elapsedSeconds();
  return {
    history,
    epochsCompleted,
    bestEpoch: bestEpoch(),
    restoredEpoch: restoredBest ?? restoredLastFinite,
    stopReason,
    message: describeStop(stopReason, interruption, epochsCompleted, batches, earlyStopping, restoredBest, restoredLastFinite),
    seconds,
    samplesPerSecond: seconds > 0 ? samplesDone / seconds : 0,
  };
}

function describeStop(
  reason: StopReason,
  interruption: Interruption | null,
  epochsCompleted: number,
  batches: number,
  earlyStopping: EarlyStopping | null,
  restoredBest: number | null,
  restoredLastFinite: number | null,
): string {
  const count = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;
  let what: string;
  if (reason === 'completed') what = `Trained ${count(epochsCompleted, 'epoch', 'epochs')}.`;
  else if (reason === 'early-stopped') {
    const { monitor, best, bestEpoch } = earlyStopping!;
    const since = bestEpoch === null ? 'never had a usable value' : `stopped improving (best ${format(best)} at epoch ${bestEpoch})`;
    what = `Stopped early after epoch ${epochsCompleted}: ${monitor.name} ${since}.`;
  } else if (reason === 'cancelled') {
    what = `Cancelled during epoch ${interruption!.epoch}, after ${interruption!.batch - 1} of ${count(batches, 'batch', 'batches')}.`;
  } else {
    const { epoch, batch, loss } = interruption!;
    const broke = batch === 0 ? `the weights became NaN or infinite during epoch ${epoch}` : `the loss became ${Number.isNaN(loss) ? 'NaN' : 'infinite'} at epoch ${epoch}, batch ${batch}`;
    what = `Training diverged: ${broke}. Lower the learning rate or scale the inputs (standardize the numeric columns), then train again.`;
  }
  if (restoredBest !== null) return `${what} Restored the weights of the best epoch, ${restoredBest} (${earlyStopping!.monitor.name} ${format(earlyStopping!.best)}).`;
  if (restoredLastFinite !== null) return `${what} ${restoredLastFinite === 0 ? 'Restored the initial weights.' : `Restored the weights of epoch ${restoredLastFinite}.`}`;
  return what;
}

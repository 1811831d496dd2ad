/**
 * Plain-language notes about a run's curves, for people who have never read a loss curve: the network has
 * started to memorise the training rows (validation loss rising while training loss falls), or the loss has
 * exploded (the learning rate is too high for this data). Pure functions over the epoch history.
 */
import type { EpochEvent } from '../../../../engine/nn/fit-types.ts';

export interface Note {
  readonly kind: 'overfitting' | 'exploding';
  readonly title: string;
  readonly detail: string;
}

/** Epochs of rising validation loss before it counts as a trend rather than noise. */
export const OVERFIT_EPOCHS = 3;
/** How far above its best the validation loss must be: 2% keeps small wobbles quiet. */
export const OVERFIT_MARGIN = 0.02;
/** A training loss this many times its first value (or not a number at all) has exploded. */
export const EXPLODE_FACTOR = 3;

/** The epoch (numbered from 1) with the lowest value of `key`, or null when no epoch has it. */
export function bestEpochBy(epochs: readonly EpochEvent[], key: string): number | null {
  let best: number | null = null;
  let lowest = Infinity;
  for (const e of epochs) {
    const value = e.logs[key];
    if (value !== undefined && Number.isFinite(value) && value < lowest) {
      lowest = value;
      best = e.epoch;
    }
  }
  return best;
}

export function overfittingNote(epochs: readonly EpochEvent[]): Note | null {
  const best = bestEpochBy(epochs, 'val_loss');
  const last = epochs.at(-1);
  if (best === null || !last || last.epoch - best < OVERFIT_EPOCHS) return null;
  const atBest = epochs.find((e) => e.epoch === best)!;
  const valNow = last.logs['val_loss']!;
  const valBest = atBest.logs['val_loss']!;
  const trainStillFalling = last.logs['loss']! < atBest.logs['loss']!;
  if (!(valNow > valBest * (1 + OVERFIT_MARGIN)) || !trainStillFalling) return null;
  return {
    kind: 'overfitting',
    title: `Overfitting since epoch ${best}`,
    detail:
      `The validation loss has risen for ${last.epoch - best} epochs while the training loss kept falling: the network is memorising the training rows instead of learning what generalises. ` +
      `Early stopping keeps the weights of epoch ${best}; to do better, add dropout, use fewer or smaller layers, or train fewer epochs.`,
  };
}

export function explodingNote(epochs: readonly EpochEvent[], learningRate: number): Note | null {
  const first = epochs[0]?.logs['loss'];
  const last = epochs.at(-1)?.logs['loss'];
  if (first === undefined || last === undefined) return null;
  if (Number.isFinite(last) && last <= first * EXPLODE_FACTOR) return null;
  return {
    kind: 'exploding',
    title: 'The loss exploded',
    detail: `The training loss went from ${first.toPrecision(3)} to ${Number.isFinite(last) ? last.toPrecision(3) : 'not a number'}: each step overshoots. Lower the learning rate (try ${(learningRate / 10).toPrecision(2)}) and train again.`,
  };
}

export function notesFor(epochs: readonly EpochEvent[], learningRate: number): Note[] {
  return [explodingNote(epochs, learningRate), overfittingNote(epochs)].filter((n): n is Note => n !== null);
}

/**
 * From finished trials to what the search returns: the leaderboard, the best trial, and the final model —
 * the best trial's fold networks, joined by other trials' when greedy ensemble selection finds that their
 * average predicts the non-test rows better out of fold. Members must read the same features, so only
 * trials with the best trial's input encoding can join.
 */
import type { ModelMember } from '../model/model-file.ts';
import type { NetworkJSON } from '../nn/network-json.ts';
import type { FittedTarget } from '../prep/types.ts';
import { selectEnsemble } from './ensemble-selection.ts';
import { compareScores, type TrialRequest, type TrialScore } from './scheduler.ts';
import type { Score } from './scores.ts';
import type { TrialOutcome } from './trial.ts';
import { designOf, settingsOf, type InputEncoding } from './trial-config.ts';
import { foldSeed } from './trial.ts';

export interface TrialRecord {
  readonly request: TrialRequest;
  readonly outcome: TrialOutcome;
  /** Null when the trial was cancelled or failed. */
  readonly score: TrialScore | null;
  readonly seconds: number;
}

export interface LeaderboardRow {
  readonly rank: number;
  readonly trial: number;
  readonly config: TrialRecord['request']['config'];
  readonly validation: { readonly mean: number; readonly std: number };
  readonly seconds: number;
  /** Epochs trained per fold (after early stopping), on average. */
  readonly epochs: number;
}

export function rankTrials(records: readonly TrialRecord[]): TrialRecord[] {
  return records.filter((r) => r.score !== null).sort((a, b) => compareScores(a.score, b.score) || a.request.id - b.request.id);
}

export function leaderboard(records: readonly TrialRecord[], top = records.length): LeaderboardRow[] {
  return rankTrials(records)
    .slice(0, top)
    .map((r, i) => ({
      rank: i + 1,
      trial: r.request.id,
      config: r.request.config,
      validation: { mean: r.score!.mean, std: r.score!.std },
      seconds: r.seconds,
      epochs: r.outcome.folds.reduce((n, f) => n + f.history.epochsCompleted, 0) / r.outcome.folds.length,
    }));
}

export interface FinalModel {
  readonly best: TrialRecord;
  /** The trials whose networks the model averages, best first. */
  readonly trials: readonly TrialRecord[];
  readonly encoding: InputEncoding;
  readonly networks: readonly NetworkJSON[];
  readonly members: readonly ModelMember[];
  /** The final model's out-of-fold score on the non-test rows. */
  readonly outOfFold: Score;
}

/** Candidates the greedy selection looks at: the best trials with the winner's encoding. */
const CANDIDATES = 8;

export function finalModel(records: readonly TrialRecord[], target: FittedTarget, y: Float32Array, folds: readonly { readonly train: number; readonly validation: number }[], maxTrials: number): FinalModel | null {
  const ranked = rankTrials(records);
  if (ranked.length === 0) return null;
  // Regression starts from the lowest validation error: the mean of per-fold R² weighs a small fold's spread
  // as much as its error, so it can rank first a trial whose predictions are worse over all the non-test rows
  // (measured on the small regression tables, docs/quality.md). The selection below judges by that error too.
  const best = target.task === 'regression' ? ranked.reduce((a, b) => (b.score!.loss < a.score!.loss ? b : a)) : ranked[0]!;
  const encoding = best.request.config.inputs;
  const candidates = [best, ...ranked.filter((r) => r !== best && r.request.config.inputs === encoding)].slice(0, CANDIDATES);
  const selected = selectEnsemble(target, y, candidates.map((r) => ({ id: r.request.id, outOfFold: r.outcome.outOfFold })), Math.max(1, maxTrials));
  const trials = selected.ids.map((id) => candidates.find((r) => r.request.id === id)!);
  const members = trials.flatMap((r) =>
    r.outcome.folds.map((fold, f): ModelMember => ({
      design: designOf(r.request.config),
      settings: settingsOf(r.request.config, foldSeed(r.request.seed, f)),
      rows: folds[f]!,
      epochsCompleted: fold.history.epochsCompleted,
      bestEpoch: fold.history.bestEpoch,
      stopReason: fold.history.stopReason,
    })),
  );
  return { best, trials, encoding, networks: trials.flatMap((r) => r.outcome.folds.map((f) => f.network)), members, outOfFold: selected.score };
}

/**
 * Which trials the final model averages: Caruana et al.'s greedy ensemble selection ("Ensemble Selection from
 * Libraries of Models", ICML 2004), without replacement. Start from the best trial; add the candidate whose
 * averaged out-of-fold predictions lower the validation loss most; stop when none lowers it or the ensemble
 * is full. Judged on the non-test rows' out-of-fold predictions only.
 */
import type { FittedTarget } from '../prep/types.ts';
import { scorePredictions, type Score } from './scores.ts';

export interface EnsembleCandidate {
  readonly id: number;
  /** rows × outputWidth; NaN for rows its folds never validated. */
  readonly outOfFold: Float32Array;
}

export interface SelectedEnsemble {
  /** Trial ids, in the order they joined. */
  readonly ids: readonly number[];
  /** The averaged out-of-fold predictions' score. */
  readonly score: Score;
}

/** Rows every candidate predicted out of fold. */
function validatedRows(candidates: readonly EnsembleCandidate[], width: number, rows: number): Int32Array {
  const kept: number[] = [];
  for (let r = 0; r < rows; r++) if (candidates.every((c) => Number.isFinite(c.outOfFold[r * width]!))) kept.push(r);
  return Int32Array.from(kept);
}

export function selectEnsemble(target: FittedTarget, y: Float32Array, candidates: readonly EnsembleCandidate[], maxMembers: number): SelectedEnsemble {
  const width = target.outputWidth;
  const rows = validatedRows(candidates, width, y.length);
  const yKept = Float32Array.from(rows, (r) => y[r]!);
  const sum = new Float64Array(rows.length * width);
  const add = (into: Float64Array, candidate: EnsembleCandidate): void => {
    rows.forEach((r, i) => {
      for (let k = 0; k < width; k++) into[i * width + k]! += candidate.outOfFold[r * width + k]!;
    });
  };
  const scoreOf = (total: Float64Array, members: number): Score => scorePredictions(target, yKept, Float32Array.from(total, (v) => v / members), rows.length);
  const chosen = [candidates[0]!];
  add(sum, candidates[0]!);
  let best = scoreOf(sum, 1);
  while (chosen.length < maxMembers) {
    let pick: { candidate: EnsembleCandidate; score: Score; total: Float64Array } | null = null;
    for (const candidate of candidates) {
      if (chosen.includes(candidate)) continue;
      const total = Float64Array.from(sum);
      add(total, candidate);
      const score = scoreOf(total, chosen.length + 1);
      if (score.loss < (pick?.score.loss ?? best.loss)) pick = { candidate, score, total };
    }
    if (!pick) break;
    chosen.push(pick.candidate);
    sum.set(pick.total);
    best = pick.score;
  }
  return { ids: chosen.map((c) => c.id), score: best };
}

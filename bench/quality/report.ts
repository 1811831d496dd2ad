/** The bench:quality table: per table its rows, classes, each tool's score, the gaps to gradient boosting, and what the search did. */
import type { Task } from '../../engine/prep/types.ts';
import type { AnchorScores } from './anchors.ts';
import type { QualityDataset } from './datasets.ts';
import type { LayerlabRun } from './layerlab-runs.ts';

export interface QualityRow {
  readonly dataset: QualityDataset;
  readonly seed: number;
  readonly rows: number;
  readonly classes: number;
  readonly task: Task;
  readonly anchors: AnchorScores;
  readonly train: LayerlabRun | null;
  /** Null with --no-search. */
  readonly search: LayerlabRun | null;
}

/** Within this many points of gradient boosting counts as on par (the bar). */
export const PAR_POINTS = 1;

const score = (v: number | undefined | null): string => (v === undefined || v === null ? 'n/a' : Number.isNaN(v) ? 'refused' : v.toFixed(3));
const gap = (ours: number | undefined, theirs: number): string => {
  if (ours === undefined) return 'n/a';
  if (Number.isNaN(ours)) return 'refused';
  const points = (ours - theirs) * 100;
  return `${points >= 0 ? '+' : ''}${points.toFixed(1)}`;
};

const HEADER = ['table', 'split', 'rows', 'classes', 'metric', 'train', 'search', 'HGB', 'MLP', 'search − HGB', 'train − HGB', 'on par', 'trials', 'networks', 'search s', 'rejected', 'train s'];

export function formatTable(rows: readonly QualityRow[], withHeader: boolean): string {
  const lines = rows.map((r) => [
    r.dataset.name,
    String(r.seed),
    String(r.rows),
    r.task === 'regression' ? '—' : String(r.classes),
    r.task === 'regression' ? 'R²' : 'accuracy',
    score(r.train?.score),
    score(r.search?.score),
    score(r.anchors.hgb.score),
    score(r.anchors.mlp?.score),
    gap(r.search?.score, r.anchors.hgb.score),
    gap(r.train?.score, r.anchors.hgb.score),
    r.search ? ((r.search.score - r.anchors.hgb.score) * 100 >= -PAR_POINTS ? 'yes' : 'no') : 'n/a',
    String(r.search?.trials ?? ''),
    String(r.search?.networks ?? ''),
    r.search?.seconds.toFixed(1) ?? '',
    String((r.search?.rejected ?? 0) + (r.train?.rejected ?? 0)),
    r.train?.seconds.toFixed(1) ?? '',
  ]);
  const body = lines.map((cells) => `| ${cells.join(' | ')} |`);
  return withHeader ? [`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => '---').join('|')}|`, ...body].join('\n') : body.join('\n');
}

export function summaryLines(rows: readonly QualityRow[]): string[] {
  const onPar = (value: (r: QualityRow) => number | undefined): number => rows.filter((r) => value(r) !== undefined && (value(r)! - r.anchors.hgb.score) * 100 >= -PAR_POINTS).length;
  const meanGap = (value: (r: QualityRow) => number | undefined): string => {
    // A refused table has no score (NaN): it counts as not on par above, and stays out of the mean gap.
    const gaps = rows.filter((r) => value(r) !== undefined && !Number.isNaN(value(r))).map((r) => (value(r)! - r.anchors.hgb.score) * 100);
    return gaps.length ? (gaps.reduce((a, b) => a + b, 0) / gaps.length).toFixed(2) : 'n/a';
  };
  return [
    `search within ${PAR_POINTS} point of HistGradientBoosting: ${onPar((r) => r.search?.score)} of ${rows.filter((r) => r.search).length} (mean gap ${meanGap((r) => r.search?.score)} points)`,
    `train defaults within ${PAR_POINTS} point: ${onPar((r) => r.train?.score)} of ${rows.filter((r) => r.train).length} (mean gap ${meanGap((r) => r.train?.score)} points)`,
  ];
}

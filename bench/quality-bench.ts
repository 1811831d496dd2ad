/**
 * `npm run bench:quality`: how good Layerlab's models are next to scikit-learn's HistGradientBoosting and MLP
 * (their defaults, Debian's python3-sklearn) on the same rows. Every table is split once, 80/20 with a fixed
 * seed (stratified for classes); every tool trains on the 80 and is scored on the 20 — accuracy, or R² for
 * regression. Layerlab runs twice: `layerlab train` with its defaults, and `layerlab search` with a 60 s budget
 * (two worker threads). Never part of `npm test`.
 *
 *   npm run bench:quality                                 # every shared dataset, search at 60 s
 *   npm run bench:quality -- --extra /work/devdata        # also each CSV of a folder (or LAYERLAB_QUALITY_EXTRA=dir1:dir2)
 *   npm run bench:quality -- --trials 12 --only iris,Glass # a trial limit instead of the budget (a busy machine)
 *   npm run bench:quality -- --splits 1,2,3               # several split seeds, for small tables' noise
 *   npm run bench:quality -- --cpu-clock                  # budget counted in the search's CPU time per worker:
 *                                                         # on a busy machine, what a quiet one does in 60 s
 *   npm run bench:quality -- --no-search                  # train defaults and the anchors only (quick A/B of defaults)
 *   npm run bench:quality -- --leaderboard                # also each search's best trials on stderr
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTable } from '../main/io/load-table.ts';
import { sklearnAnchors, sklearnMissing, type AnchorScores } from './quality/anchors.ts';
import { extraDatasets, sharedDatasets, type QualityDataset } from './quality/datasets.ts';
import { splitFile } from './quality/file-split.ts';
import { cpuClock, orRefused, search, trainDefaults, WORKERS, type LayerlabRun } from './quality/layerlab-runs.ts';
import { formatTable, summaryLines, type QualityRow } from './quality/report.ts';

const { values: args } = parseArgs({
  options: {
    'budget-seconds': { type: 'string' },
    trials: { type: 'string' },
    extra: { type: 'string', multiple: true },
    only: { type: 'string' },
    skip: { type: 'string' },
    splits: { type: 'string', default: '1' },
    'mlp-max-rows': { type: 'string', default: '30000' },
    'no-train': { type: 'boolean', default: false },
    'no-search': { type: 'boolean', default: false },
    leaderboard: { type: 'boolean', default: false },
    'cpu-clock': { type: 'boolean', default: false },
    markdown: { type: 'string' },
  },
});

const missing = sklearnMissing();
if (missing) {
  console.error(missing);
  process.exit(2);
}

const repoRoot = resolve(import.meta.dirname, '..');
const extras = [...(args.extra ?? []), ...(process.env.LAYERLAB_QUALITY_EXTRA?.split(':').filter(Boolean) ?? [])];
let datasets: QualityDataset[] = [...sharedDatasets(resolve(repoRoot, '../shared/datasets')), ...extras.flatMap((dir) => extraDatasets(dir))];
const only = args.only?.split(',');
const skip = args.skip?.split(',') ?? [];
datasets = datasets.filter((d) => (!only || only.includes(d.name)) && !skip.includes(d.name));
const trials = args.trials === undefined ? undefined : Number(args.trials);
const budgetSeconds = args['budget-seconds'] !== undefined ? Number(args['budget-seconds']) : trials === undefined ? 60 : undefined;
const limit = { ...(budgetSeconds !== undefined ? { budgetSeconds } : {}), ...(trials !== undefined ? { trials } : {}) };
const mlpMaxRows = Number(args['mlp-max-rows']);
const seeds = args.splits.split(',').map(Number);
const work = mkdtempSync(join(tmpdir(), 'layerlab-quality-'));

console.error(`bench:quality: ${datasets.length} tables × ${seeds.length} split(s); search ${budgetSeconds !== undefined ? `${budgetSeconds} s` : ''}${trials !== undefined ? ` ${trials} trials` : ''}`);
const rows: QualityRow[] = [];
for (const dataset of datasets) {
  const { table } = await loadTable(dataset.path);
  for (const seed of seeds) {
    const split = splitFile(table, dataset.target, dataset.task, seed, join(work, `${dataset.name}-${seed}`));
    const anchors: AnchorScores = await sklearnAnchors(split.trainCsv, split.testCsv, dataset.target, split.task !== 'regression', split.train.rowCount <= mlpMaxRows);
    const train: LayerlabRun | null = args['no-train'] ? null : await orRefused(() => trainDefaults(split, dataset));
    const searched = args['no-search'] ? null : await orRefused(() => search(split, dataset, limit, args['cpu-clock'] ? cpuClock(WORKERS) : undefined, args.leaderboard ? (line) => console.error(line) : undefined));
    for (const [what, run] of [['train', train], ['search', searched]] as const) if (run?.refused) console.error(`${dataset.name} split ${seed}: ${what} refused the table: ${run.refused}`);
    const row: QualityRow = { dataset, seed, rows: split.train.rowCount + split.test.rowCount, classes: split.classes, task: split.task, anchors, train, search: searched };
    rows.push(row);
    console.error(formatTable([row], false));
  }
}
const table = formatTable(rows, true);
console.log(table);
console.log(summaryLines(rows).join('\n'));
if (args.markdown) writeFileSync(args.markdown, `${table}\n${summaryLines(rows).join('\n')}\n`);

/**
 * The tables `npm run bench:quality` measures: every shared dataset with a natural target, and on request the
 * CSV files of extra folders (`--extra DIR`, or LAYERLAB_QUALITY_EXTRA=DIR1:DIR2), e.g. a folder of UCI-style
 * tables never seen by the project. An extra file's target is the one named for it in
 * `bench/quality/extra-targets.json` (by file name), else a column called class, target or label (any case),
 * else its last column.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export interface QualityDataset {
  readonly name: string;
  readonly path: string;
  readonly target: string;
  /** Where it came from: `shared` or the extra folder. */
  readonly origin: string;
  /** Overrides the detected task (a few numbers taken as classes, or the reverse). */
  readonly task?: 'regression' | 'multiclass' | 'binary';
}

const SHARED: readonly Omit<QualityDataset, 'path' | 'origin'>[] = [
  { name: 'churn', target: 'Exited' },
  { name: 'titanic', target: 'Survived' },
  { name: 'iris', target: 'species' },
  { name: 'housing', target: 'median_house_value' },
  { name: 'diabetes', target: 'Outcome' },
  { name: 'adult', target: 'income' },
  { name: 'winequality-red', target: 'quality', task: 'regression' },
  { name: 'diabetes130', target: 'readmitted' },
];
const SHARED_FILES: Readonly<Record<string, string>> = {
  churn: 'Churn_Modelling.csv',
  titanic: 'titanic.csv',
  iris: 'iris.csv',
  housing: 'housing.csv',
  diabetes: 'diabetes.csv',
  adult: 'adult.csv',
  'winequality-red': 'winequality-red.csv',
  diabetes130: 'diabetes130_readmission.csv',
};

export function sharedDatasets(sharedDir: string): QualityDataset[] {
  return SHARED.map((d) => ({ ...d, path: join(sharedDir, SHARED_FILES[d.name]!), origin: 'shared' }));
}

function headerNames(path: string): string[] {
  const first = readFileSync(path, 'utf8').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [';', '\t', ','].find((d) => first.includes(d)) ?? ',';
  return first.split(delimiter).map((n) => n.trim().replace(/^"(.*)"$/, '$1'));
}

type Targets = Readonly<Record<string, { target: string; task?: QualityDataset['task'] }>>;
const EXTRA_TARGETS = JSON.parse(readFileSync(new URL('./extra-targets.json', import.meta.url), 'utf8')) as Targets;

export function extraDatasets(dir: string, targets: Targets = EXTRA_TARGETS): QualityDataset[] {
  const folder = resolve(dir);
  if (!existsSync(folder)) throw new Error(`bench:quality: the extra folder ${folder} does not exist.`);
  return readdirSync(folder)
    .filter((f) => /\.csv$/i.test(f))
    .sort()
    .map((file) => {
      const path = join(folder, file);
      const known = targets[file];
      const names = headerNames(path);
      const target = known?.target ?? names.find((n) => /^(class|classes|target|label)$/i.test(n)) ?? names.at(-1)!;
      return { name: basename(file, '.csv'), path, target, origin: basename(folder), ...(known?.task ? { task: known.task } : {}) };
    });
}

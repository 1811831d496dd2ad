import { basename } from 'node:path';
import { UserFacingError } from '../../../engine/errors.ts';
import { DEFAULT_MAX_ROWS, DEFAULT_REPEATS, MAX_REPEATS } from '../../../engine/insight/importance.ts';
import { appIdentity } from '../../export/app-identity.ts';
import { readModelFile } from '../../export/model-io.ts';
import { loadTable } from '../../io/load-table.ts';
import { saveReport } from '../../report/save-report.ts';
import { numberOption } from '../args.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';

const USAGE = `usage: layerlab report <model.json> <file> --out report.html [--repeats ${DEFAULT_REPEATS}] [--seed 42] [--max-rows ${DEFAULT_MAX_ROWS}] [--sheet NAME] [--json]
  Writes one self-contained HTML file (no script, nothing fetched: it opens offline and prints) telling the run:
  the data and each cleaning step's reason and effect, the network with its learned weights, the settings, the
  curves, the evaluation (confusion matrix, metrics, baselines when the model has them, permutation importance)
  and the provenance (file hash, seeds, versions). <file> is the training file (its test rows are judged) or
  another file holding the target (every row is judged). Importance judges at most --max-rows rows (an even
  sample beyond).`;

const options = { out: { type: 'string' }, repeats: { type: 'string' }, seed: { type: 'string' }, 'max-rows': { type: 'string' }, sheet: { type: 'string' }, json: { type: 'boolean' } } as const;

export const reportCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and its data file.\n${USAGE}`);
  if (!values.out) throw new UserFacingError('usage', `say where to write the report with --out report.html.\n${USAGE}`);
  const repeats = numberOption(values.repeats, 'repeats', DEFAULT_REPEATS, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_REPEATS, `a whole number from 1 to ${MAX_REPEATS}`);
  const seed = numberOption(values.seed, 'seed', 42, Number.isSafeInteger, 'a whole number');
  const maxRows = numberOption(values['max-rows'], 'max-rows', DEFAULT_MAX_ROWS, (n) => Number.isInteger(n) && n >= 2, 'a whole number of at least 2');
  const [modelPath, dataPath] = positionals as [string, string];
  const model = await readModelFile(modelPath);
  const loaded = await loadTable(dataPath, values.sheet ? { sheet: values.sheet } : {});
  const app = await appIdentity();
  const saved = await saveReport(values.out, {
    model,
    label: basename(modelPath),
    data: { table: loaded.table, sha256: loaded.source.sha256, name: loaded.source.name },
    importance: { repeats, seed, maxRows },
    writer: { ...app, runtime: `Node ${process.version}` },
  });
  if (values.json) io.stdout.write(`${JSON.stringify({ out: values.out, bytes: saved.bytes, notes: saved.notes })}\n`);
  else io.stdout.write(`wrote ${values.out} (${Math.ceil(saved.bytes / 1024)} KB)${saved.notes.map((n) => `\n  ${n}`).join('')}\n`);
  return 0;
});

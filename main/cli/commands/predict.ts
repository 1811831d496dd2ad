import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { once } from 'node:events';
import { UserFacingError } from '../../../engine/errors.ts';
import { loadModel, predictTable } from '../../../engine/model/model-file.ts';
import { cellValue } from '../../../engine/table/table.ts';
import { csvLine } from '../../export/csv-text.ts';
import { loadTable } from '../../io/load-table.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliCommand } from '../commands.ts';

const USAGE = `usage: layerlab predict <model.json> <file> [--out predictions.csv] [--sheet NAME] [--json]
  Writes the file's columns plus the prediction (and one probability column per class) as CSV,
  to --out or to standard output. Rows the model cannot use are kept, with the reason in "prediction_error".`;

const options = { out: { type: 'string' }, sheet: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

export async function readModelFile(path: string): Promise<ReturnType<typeof loadModel>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UserFacingError('model-not-found', code === 'ENOENT' ? `Model file not found: ${path}. Train one with "layerlab train ... --out model.json".` : `Cannot read the model file ${path} (${code}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UserFacingError('model-not-json', `${path} is not valid JSON (${(error as Error).message}): was it cut short or edited by hand?`);
  }
  return loadModel(json);
}

export const predictCommand: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, options, USAGE);
    if (values.help) {
      io.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and a data file.\n${USAGE}`);
    const [modelPath, dataPath] = positionals as [string, string];
    const model = await readModelFile(modelPath);
    const { table } = await loadTable(dataPath, values.sheet ? { sheet: values.sheet } : {});
    const predictions = predictTable(model, table);
    const target = model.recipe.target;
    const classLabels = target.classLabels ?? [];
    const probabilityColumns = target.task === 'binary' ? classLabels : target.task === 'multiclass' ? classLabels : [];
    const header = [...table.columns.map((c) => c.name), `predicted_${target.column}`, ...probabilityColumns.map((l) => `probability_${l}`), 'prediction_error'];

    const byRow = new Int32Array(table.rowCount).fill(-1);
    predictions.rowIndex.forEach((source, i) => (byRow[source] = i));
    const reasons = new Map(predictions.rejected.map((r) => [r.row, r.reason]));
    const out = values.out ? createWriteStream(values.out) : null;
    const write = async (line: string): Promise<void> => {
      if (!out) io.stdout.write(line);
      else if (!out.write(line)) await once(out, 'drain');
    };
    await write(csvLine(header));
    for (let row = 0; row < table.rowCount; row++) {
      const cells: (string | number | null)[] = table.columns.map((c) => cellValue(c, row));
      const i = byRow[row]!;
      if (i < 0) cells.push(null, ...probabilityColumns.map(() => null), reasons.get(row) ?? 'not predicted');
      else if (target.task === 'regression') cells.push(predictions.values![i]!, null);
      else {
        const p = predictions.probabilities!;
        const probs = target.task === 'binary' ? [1 - p[i]!, p[i]!] : classLabels.map((_, k) => p[i * classLabels.length + k]!);
        cells.push(predictions.labels![i]!, ...probs.map((v) => Math.round(v * 1e6) / 1e6), null);
      }
      await write(csvLine(cells));
    }
    if (out) {
      out.end();
      await once(out, 'close');
    }
    const summary = { rows: table.rowCount, predicted: predictions.rowIndex.length, rejected: predictions.rejected.length, out: values.out ?? null };
    if (values.json) io.stderr.write(`${JSON.stringify(summary)}\n`);
    else if (values.out) io.stdout.write(`predicted ${summary.predicted} of ${summary.rows} rows → ${values.out}${summary.rejected ? ` (${summary.rejected} rows could not be used; see prediction_error)` : ''}\n`);
    return 0;
  },
};

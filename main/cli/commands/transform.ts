import { cleanedData } from '../../../engine/model/cleaned-data.ts';
import { cleanedCsvLines, saveCleanedCsv } from '../../export/cleaned-csv.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';
import { modelAndData } from '../model-and-data.ts';

const USAGE = `usage: layerlab transform <model.json> <file> [--out features.csv] [--sheet NAME] [--json]
  Applies the model's cleaning recipe to <file> and writes the cleaned dataset as CSV — exactly the matrix
  the network sees, one column per feature, then the target as the network learns it (0/1, class index or
  standardized value) when the file has one — to --out or to standard output. Rows the recipe cannot use
  are left out and counted.`;

const options = { out: { type: 'string' }, sheet: { type: 'string' }, json: { type: 'boolean' } } as const;

export const transformCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  const { model, table, source } = await modelAndData(positionals, values.sheet, USAGE);
  const data = cleanedData(model, table, { decimalComma: source.decimalComma });
  if (values.out) await saveCleanedCsv(values.out, data);
  else for (const line of cleanedCsvLines(data)) io.stdout.write(line);
  const summary = { rows: table.rowCount, written: data.rows, rejected: data.rejected.length, features: data.features.length, target: data.target?.name ?? null, out: values.out ?? null };
  if (values.json) io.stderr.write(`${JSON.stringify(summary)}\n`);
  else if (values.out) {
    const first = data.rejected[0];
    const left = first ? ` (${data.rejected.length} rows left out; first, data row ${first.row + 1}: ${first.reason})` : '';
    io.stdout.write(`wrote ${data.rows} of ${table.rowCount} rows × ${data.features.length} features${data.target ? ` + "${data.target.name}"` : ''} → ${values.out}${left}\n`);
  }
  return 0;
});

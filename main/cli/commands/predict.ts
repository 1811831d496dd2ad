import { predictTable } from '../../../engine/model/predict.ts';
import { predictionCsvLines, savePredictionsCsv } from '../../export/predictions-csv.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';
import { modelAndData } from '../model-and-data.ts';

const USAGE = `usage: layerlab predict <model.json> <file> [--out predictions.csv] [--sheet NAME] [--json]
  Writes the file's columns plus the prediction (and one probability column per class) as CSV,
  to --out or to standard output. Rows the model cannot use are kept, with the reason in "prediction_error"
  (the cell as written stays in its column); rows predicted with a value the model never saw in training
  (an unseen category) say so in "prediction_warning".`;

const options = { out: { type: 'string' }, sheet: { type: 'string' }, json: { type: 'boolean' } } as const;

function notes({ rejected, warned }: { rejected: number; warned: number }): string {
  const parts = [
    ...(rejected ? [`${rejected} row${rejected === 1 ? '' : 's'} could not be used; see prediction_error`] : []),
    ...(warned ? [`${warned} row${warned === 1 ? ' has' : 's have'} a value unlike any in training; see prediction_warning`] : []),
  ];
  return parts.length ? ` (${parts.join('; ')})` : '';
}

export const predictCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  const { model, table, source } = await modelAndData(positionals, values.sheet, USAGE);
  const predictions = predictTable(model, table, model.threshold, { decimalComma: source.decimalComma });
  if (values.out) await savePredictionsCsv(values.out, table, model, predictions);
  else for (const line of predictionCsvLines(table, model, predictions)) io.stdout.write(line);
  const summary = { rows: table.rowCount, predicted: predictions.rowIndex.length, rejected: predictions.rejected.length, warned: predictions.warnings.length, out: values.out ?? null };
  if (values.json) io.stderr.write(`${JSON.stringify(summary)}\n`);
  else if (values.out) io.stdout.write(`predicted ${summary.predicted} of ${summary.rows} rows → ${values.out}${notes(summary)}\n`);
  else if (summary.rejected || summary.warned) io.stderr.write(`predicted ${summary.predicted} of ${summary.rows} rows${notes(summary)}\n`);
  return 0;
});

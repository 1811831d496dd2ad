/** What `predict` and `transform` read first: a model file, and a data file read as that model reads it. */
import { UserFacingError } from '../../engine/errors.ts';
import type { LoadedModel } from '../../engine/model/load-model.ts';
import { inputNames } from '../../engine/model/predict.ts';
import { readModelFile } from '../export/model-io.ts';
import { loadTable, type LoadedTable } from '../io/load-table.ts';

/** The model of `<model.json> <file>`, and the file with the model's inputs kept as exact text (its reading judges each cell). */
export async function modelAndData(positionals: readonly string[], sheet: string | undefined, usage: string): Promise<{ model: LoadedModel } & LoadedTable> {
  if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and a data file.\n${usage}`);
  const [modelPath, dataPath] = positionals as [string, string];
  const model = await readModelFile(modelPath);
  return { model, ...(await loadTable(dataPath, { keepText: inputNames(model), ...(sheet ? { sheet } : {}) })) };
}

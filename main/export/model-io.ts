/** Model files on disk: written atomically, read with messages that say which file and what to do. */
import { readFile } from 'node:fs/promises';
import { UserFacingError } from '../../engine/errors.ts';
import { loadModel, type LoadedModel } from '../../engine/model/load-model.ts';
import { serializeModel, type ModelFile } from '../../engine/model/model-file.ts';
import { parseJsonText } from '../../engine/model/safe-json.ts';
import { writeFileAtomic } from '../project/atomic-write.ts';

/** Model files hold weights for networks a person builds by hand; far beyond that, it is not a model file. */
export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

export async function saveModelFile(path: string, file: ModelFile): Promise<void> {
  await writeFileAtomic(path, serializeModel(file));
}

export async function readModelFile(path: string): Promise<LoadedModel> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') throw new UserFacingError('model-not-found', `Model file not found: ${path}. Train one with "layerlab train ... --out model.json".`);
    if (code === 'EISDIR') throw new UserFacingError('model-not-found', `${path} is a folder, not a model file. Give the path of the .json file.`);
    throw new UserFacingError('model-unreadable', `Cannot read the model file ${path} (${code ?? (error as Error).message}).`);
  }
  if (bytes.length > MAX_MODEL_BYTES) throw new UserFacingError('model-too-large', `${path} is ${Math.round(bytes.length / 1048576)} MB, larger than any Layerlab model; it is not a model file.`);
  return loadModel(parseJsonText(bytes.toString('utf8'), path));
}

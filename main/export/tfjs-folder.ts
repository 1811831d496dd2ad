/**
 * Export to a TensorFlow.js Layers folder: `model.json` (topology + weights manifest) and `weights.bin` (the
 * weights, little-endian float32), which `tf.loadLayersModel('…/model.json')` loads. The network expects the
 * cleaned features, so everything else in the model file — the fitted recipe first — travels in
 * `userDefinedMetadata.layerlab`, and `model.getUserDefinedMetadata()` gives it back in JavaScript.
 */
import { mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UserFacingError } from '../../engine/errors.ts';
import type { ModelFile } from '../../engine/model/model-file.ts';
import { base64ToBytes } from '../../engine/nn/base64.ts';
import { writeFileAtomic } from '../project/atomic-write.ts';

export const TFJS_MODEL_FILE = 'model.json';
export const TFJS_WEIGHTS_FILE = 'weights.bin';

/** TF.js' model.json: ModelJSON in tfjs-core's io/types.ts. */
export function tfjsModelJSON(file: ModelFile): Record<string, unknown> {
  const { network, ...rest } = file;
  return {
    format: network.format,
    generatedBy: network.generatedBy,
    convertedBy: network.convertedBy,
    modelTopology: network.modelTopology,
    weightsManifest: [{ paths: [TFJS_WEIGHTS_FILE], weights: network.weightSpecs }],
    userDefinedMetadata: { layerlab: { ...rest, loss: network.loss } },
  };
}

async function ensureFolder(dir: string): Promise<void> {
  const existing = await stat(dir).catch(() => null);
  if (existing && !existing.isDirectory()) throw new UserFacingError('not-a-folder', `${dir} is a file. A TensorFlow.js export is a folder (model.json + weights.bin): give a folder path.`);
  await mkdir(dir, { recursive: true });
}

/** Writes the two files (each atomically; the weights first, so a model.json on disk always has its weights). */
export async function exportTfjsFolder(file: ModelFile, dir: string): Promise<{ modelPath: string; weightsPath: string; bytes: number }> {
  await ensureFolder(dir);
  const weights = base64ToBytes(file.network.weightData);
  const modelPath = join(dir, TFJS_MODEL_FILE);
  const weightsPath = join(dir, TFJS_WEIGHTS_FILE);
  await writeFileAtomic(weightsPath, weights);
  await writeFileAtomic(modelPath, `${JSON.stringify(tfjsModelJSON(file))}\n`);
  return { modelPath, weightsPath, bytes: weights.length };
}

import { UserFacingError } from '../../../engine/errors.ts';
import { readModelFile } from '../../export/model-io.ts';
import { exportTfjsFolder } from '../../export/tfjs-folder.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';

const USAGE = `usage: layerlab export-tfjs <model.json> <folder> [--json]
  Writes a TensorFlow.js Layers model (model.json + weights.bin) into <folder>, for tf.loadLayersModel.
  The network takes the cleaned features; the cleaning recipe is in the model's userDefinedMetadata.`;

const options = { json: { type: 'boolean' } } as const;

export const exportTfjsCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and a folder.\n${USAGE}`);
  const [modelPath, dir] = positionals as [string, string];
  const model = await readModelFile(modelPath);
  const written = await exportTfjsFolder(model.file, dir);
  const summary = { model: written.modelPath, weights: written.weightsPath, weightBytes: written.bytes, features: model.recipe.features.length };
  io.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `wrote ${written.modelPath} and ${written.weightsPath} (${written.bytes.toLocaleString('en-US')} bytes of weights; input: ${summary.features} cleaned features)\n`);
  return 0;
});

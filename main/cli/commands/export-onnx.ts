import { UserFacingError } from '../../../engine/errors.ts';
import { readModelFile } from '../../export/model-io.ts';
import { DEFAULT_OPSET, saveOnnxModel } from '../../export/onnx/export-onnx.ts';
import { MAX_OPSET, MIN_OPSET } from '../../export/onnx/messages.ts';
import { numberOption } from '../args.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';

const USAGE = `usage: layerlab export-onnx <model.json> <file.onnx> [--opset N] [--json]
  Writes the whole model as one ONNX graph: one input per raw column (text as string, numbers as float,
  dates as epoch milliseconds in double), the cleaning recipe and the network inside, and the outputs
  label, probabilities (classification) and prediction_error. Runs in onnxruntime (Python, C#, Java, C++, JS).
  --opset N   the ONNX operator set, ${MIN_OPSET}–${MAX_OPSET} (default ${DEFAULT_OPSET}, read by runtimes from 2020 on).`;

const options = { opset: { type: 'string' }, json: { type: 'boolean' } } as const;

export const exportOnnxCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  if (positionals.length !== 2) throw new UserFacingError('usage', `give a model file and the .onnx file to write.\n${USAGE}`);
  const [modelPath, onnxPath] = positionals as [string, string];
  if (!onnxPath.toLowerCase().endsWith('.onnx')) throw new UserFacingError('usage', `the file to write should end in .onnx (got "${onnxPath}"), as ONNX runtimes and tools expect.`);
  const opset = numberOption(values.opset, 'opset', DEFAULT_OPSET, (n) => Number.isInteger(n) && n >= MIN_OPSET && n <= MAX_OPSET, `a whole number from ${MIN_OPSET} to ${MAX_OPSET}`);
  const model = await readModelFile(modelPath);
  const { bytes } = await saveOnnxModel(onnxPath, model, { opset });
  const summary = { onnx: onnxPath, bytes, opset, inputs: model.recipe.inputSchema.length, features: model.recipe.features.length };
  io.stdout.write(values.json ? `${JSON.stringify(summary)}\n` : `wrote ${onnxPath} (${bytes.toLocaleString('en-US')} bytes, opset ${opset}): ${summary.inputs} raw columns in, label${model.recipe.target.task === 'regression' ? '' : ', probabilities'} and prediction_error out\n`);
  return 0;
});

import type { CliStreams } from './run-cli.ts';

export interface CliCommand {
  run(args: readonly string[], io: CliStreams): Promise<number>;
}

interface CommandEntry {
  readonly summary: string;
  /** Loaded on use, so `layerlab --help` or a quick command never pays for the others' imports (exceljs, the engine). */
  load(): Promise<CliCommand>;
}

/** Every CLI command, by name. Each lives in its own file under commands/. */
export const commands: Record<string, CommandEntry> = {
  'export-keras': { summary: 'write a Keras (Python) script that reproduces the cleaning and the network', load: async () => (await import('./commands/export-keras.ts')).exportKerasCommand },
  'export-onnx': { summary: 'export the whole model (cleaning and network, raw columns in) as one ONNX graph', load: async () => (await import('./commands/export-onnx.ts')).exportOnnxCommand },
  'export-pytorch': { summary: 'write a PyTorch DistributedDataParallel training script that brings the trained model back', load: async () => (await import('./commands/export-pytorch.ts')).exportPytorchCommand },
  'export-tfjs': { summary: 'export a model as a TensorFlow.js Layers folder (model.json + weights.bin)', load: async () => (await import('./commands/export-tfjs.ts')).exportTfjsCommand },
  importance: { summary: 'rank a model\'s input columns by how much its test metric drops when each is shuffled', load: async () => (await import('./commands/importance.ts')).importanceCommand },
  inspect: { summary: 'load a CSV or .xlsx file and print each column\'s type, missing values and statistics', load: async () => (await import('./commands/inspect.ts')).inspectCommand },
  search: { summary: 'find a good network within a time budget (cross-validated trials in parallel workers) and report baselines', load: async () => (await import('./commands/search.ts')).searchCommand },
  predict: { summary: 'predict a file with a saved model and write the predictions as CSV', load: async () => (await import('./commands/predict.ts')).predictCommand },
  report: { summary: 'write a self-contained HTML report of a model: data, cleaning, network, curves, evaluation', load: async () => (await import('./commands/report.ts')).reportCommand },
  train: { summary: 'train a network on a CSV or .xlsx file and report test metrics', load: async () => (await import('./commands/train.ts')).trainCommand },
  transform: { summary: 'apply a model\'s cleaning recipe to a file and write the cleaned features as CSV', load: async () => (await import('./commands/transform.ts')).transformCommand },
};

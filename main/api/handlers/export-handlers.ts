/**
 * What the Predict & export step's files out do (main/api/calls/results-calls.ts): a whole file predicted and
 * kept until saved as CSV (both in the engine pool), and a model exported as a model file, a TF.js folder, a
 * Keras script or an ONNX graph.
 */
import type { LoadedModel } from '../../../engine/model/load-model.ts';
import { withDecisionThreshold } from '../../../engine/model/model-file.ts';
import { saveKerasScript } from '../../export/keras-script.ts';
import { saveTorchScript } from '../../export/pytorch/torch-script.ts';
import { saveOnnxModel } from '../../export/onnx/export-onnx.ts';
import { saveModelFile } from '../../export/model-io.ts';
import { exportTfjsFolder } from '../../export/tfjs-folder.ts';
import type { TrainedModel } from '../../services/model-registry.ts';
import type { resultsCalls } from '../calls/results-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';
import { saveFolder, saveOne, withSource } from './files.ts';

type ExportCalls = Pick<typeof resultsCalls, 'predictFile' | 'savePredictions' | 'exportModel'>;

/** `churn-run-3`: the data file's name and the model's id, safe as a file name. */
function baseName(entry: TrainedModel, loaded: LoadedModel): string {
  const source = loaded.file.provenance.source.name.replace(/\.[^.]+$/, '');
  return `${source}-${entry.modelId}`.replace(/[^A-Za-z0-9_.-]+/g, '-');
}

export function createExportHandlers(services: Services): AreaHandlers<ExportCalls> {
  const { models, engine, events, operations, predictions } = services;
  return {
    predictFile: ({ operationId, modelId, source, threshold }) =>
      operations.run(operationId, (signal) =>
        withSource(services, source, async (path, name) => {
          models.get(modelId);
          const predictionId = predictions.nextId();
          try {
            const predicted = await engine.call(
              'predictFile',
              { path, name, modelId, threshold: threshold ?? null, predictionId },
              { signal, onProgress: (progress) => events.publish({ type: 'predictProgress', operationId, ...progress }) },
            );
            predictions.keep(predictionId, { name });
            return predicted;
          } finally {
            events.flush(operationId);
          }
        }),
      ),
    savePredictions: async ({ predictionId, destination }) => {
      const kept = predictions.get(predictionId);
      const name = `${kept.name.replace(/\.[^.]+$/, '')}-predictions.csv`;
      return saveOne(services, destination, name, async (path) => void (await engine.call('savePredictions', { predictionId, path })));
    },
    exportModel: async ({ modelId, format, destination, threshold }) => {
      const { entry, loaded } = models.open(modelId);
      const file = withDecisionThreshold(entry.model, threshold);
      const base = baseName(entry, loaded);
      if (format === 'json') return saveOne(services, destination, `${base}.json`, (path) => saveModelFile(path, file));
      if (format === 'keras') return saveOne(services, destination, `${base}-keras.py`, (path) => saveKerasScript(path, file));
      if (format === 'onnx') return saveOne(services, destination, `${base}.onnx`, async (path) => void (await saveOnnxModel(path, loaded, { threshold: file.decision?.threshold })));
      if (format === 'pytorch') return saveOne(services, destination, `${base}-pytorch.py`, (path) => saveTorchScript(path, file));
      return saveFolder(services, destination, async (dir) => {
        const written = await exportTfjsFolder(file, dir);
        return [written.modelPath, written.weightsPath];
      });
    },
  };
}

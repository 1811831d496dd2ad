/**
 * An opened project's network design and training settings put back into the Build and Train steps: the design
 * becomes the Build step's layers, the settings the Train form's. (The recipe goes back through RecipeState.adopt.)
 */
import type { NetworkDesign, TrainingSettings } from '../../../../engine/pipeline/training-settings.ts';
import { addLayer, presetLayers, updateLayer, type HiddenLayer } from '../network/design.ts';
import type { TrainForm } from '../training/settings.ts';
import type { TrainingState } from '../state/training.svelte.ts';

/** The Build step's layers for a saved design: each Dense layer with the Dropout that follows it. */
export function layersOf(design: NetworkDesign): HiddenLayer[] {
  let layers = presetLayers('linear');
  design.hidden.forEach((layer, i) => {
    if (layer.type !== 'dense') return;
    const next = design.hidden[i + 1];
    layers = addLayer(layers);
    layers = updateLayer(layers, layers.at(-1)!.id, { units: layer.units, activation: layer.activation ?? 'relu', dropout: next?.type === 'dropout' ? next.rate : 0 });
  });
  return layers;
}

export function restoreDesign(training: TrainingState, design: NetworkDesign): void {
  training.layers = layersOf(design);
  training.preset = null;
}

/** The Train form's fields that a saved run's settings fix; the validation share stays the recipe's. */
export function formOf(settings: TrainingSettings): Partial<TrainForm> {
  const loss = settings.loss;
  return {
    optimizer: settings.optimizer.kind,
    learningRate: settings.optimizer.learningRate ?? 0.001,
    batchSize: settings.batchSize,
    epochs: settings.epochs,
    earlyStopping: settings.earlyStopping !== false,
    ...(settings.earlyStopping ? { patience: settings.earlyStopping.patience } : {}),
    classWeight: settings.classWeight,
    ...(loss === 'mse' || loss === 'mae' || loss === 'huber' ? { regressionLoss: loss } : {}),
  };
}

export function restoreSettings(training: TrainingState, settings: TrainingSettings): void {
  training.setForm(formOf(settings));
}

/**
 * A saved network design and training settings (an opened project's, or a search trial the user picked) put
 * back into the Build and Train steps: the design becomes the Build step's layers and the Train form's weight
 * penalties, the settings the rest of the Train form. (A project's recipe goes back through RecipeState.adopt.)
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

/** The Train form's L1/L2 penalties for a saved design: the form puts one pair on every Dense layer, so the first one's. */
export function penaltiesOf(design: NetworkDesign): Pick<TrainForm, 'l1' | 'l2'> {
  const dense = design.hidden.find((layer) => layer.type === 'dense');
  return { l1: dense?.l1 ?? 0, l2: dense?.l2 ?? 0 };
}

export function restoreDesign(training: TrainingState, design: NetworkDesign): void {
  training.layers = layersOf(design);
  training.preset = null;
  training.regressionOutput = design.outputActivation === 'relu' ? 'relu' : 'linear';
  training.setForm(penaltiesOf(design));
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

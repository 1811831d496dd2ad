/**
 * The network builder's model, plain TypeScript: the hidden layers as the user edits them (each a Dense layer
 * with its own dropout), the presets (the default one sized for the table as `layerlab train` sizes it), and the
 * NetworkDesign the engine trains. The input layer is sized by the recipe and the output layer chosen by the
 * task, so neither is edited here.
 */
import type { ActivationName } from '../../../../engine/nn/activations.ts';
import { checkParameterCount, countParameters, type LayerSpec } from '../../../../engine/nn/network-spec.ts';
import { DEFAULT_HIDDEN_UNITS, defaultHiddenUnits, MAX_DEFAULT_WIDTH, type NetworkDesign } from '../../../../engine/pipeline/training-settings.ts';
import { plural } from '../format.ts';

export interface HiddenLayer {
  /** Stable across edits and moves, for keyed lists. */
  readonly id: number;
  readonly units: number;
  readonly activation: ActivationName;
  /** Fraction of this layer's outputs dropped while training; 0 adds no Dropout layer. */
  readonly dropout: number;
}

export const HIDDEN_ACTIVATIONS: readonly ActivationName[] = ['relu', 'leaky_relu', 'elu', 'selu', 'gelu', 'swish', 'tanh', 'sigmoid', 'softplus', 'linear'];
export const MAX_UNITS = 4096;
export const MAX_HIDDEN_LAYERS = 16;
export const MAX_DROPOUT = 0.9;

/** What the default preset is sized for: the recipe's inputs and the task's outputs (units of the output layer). */
export interface TableShape {
  readonly inputs: number;
  readonly outputs: number;
}

export interface Preset {
  readonly id: string;
  /** The button's text; the default preset names its widths for the table. */
  readonly name: (shape: TableShape | null) => string;
  readonly description: (shape: TableShape | null) => string;
  readonly layers: (shape: TableShape | null) => readonly Omit<HiddenLayer, 'id'>[];
}

const relu = (units: number, dropout = 0): Omit<HiddenLayer, 'id'> => ({ units, activation: 'relu', dropout });

/** The default network's widths: `layerlab train`'s for the same table (one rule, in the engine). */
export function defaultUnits(shape: TableShape | null): number[] {
  return shape ? defaultHiddenUnits(shape.inputs, shape.outputs) : [...DEFAULT_HIDDEN_UNITS];
}

/** Why the default has the widths it has, in one line ("64-32: sized for 12 inputs and 5 classes"). */
export function defaultReason(shape: TableShape | null): string {
  const units = defaultUnits(shape);
  const widths = units.join('-');
  if (!shape) return `${widths}: a good first try for most tables`;
  if (shape.outputs < 3) return `${widths}: a first try for one output (two classes or a number); wider did no better on such tables`;
  const capped = units[0] === MAX_DEFAULT_WIDTH ? ' (the widest default)' : '';
  return `${widths}: sized for ${plural(shape.inputs, 'input')} and ${shape.outputs} classes${capped}`;
}

export const PRESETS: readonly Preset[] = [
  { id: 'classic', name: () => 'Classic 6-6', description: () => 'The textbook picture: two small layers of 6', layers: () => [relu(6), relu(6)] },
  { id: 'default', name: (shape) => `Default ${defaultUnits(shape).join('-')}`, description: defaultReason, layers: (shape) => defaultUnits(shape).map((units) => relu(units)) },
  { id: 'wide', name: () => 'Wide 128-64', description: () => 'More capacity, with dropout against overfitting', layers: () => [relu(128, 0.2), relu(64, 0.2)] },
  { id: 'linear', name: () => 'No hidden layer', description: () => 'Logistic or linear regression: a baseline', layers: () => [] },
];

let nextId = 1;

function withId(layer: Omit<HiddenLayer, 'id'>): HiddenLayer {
  return { id: nextId++, ...layer };
}

/** A preset's layers, for the table's shape once it is known (only the default preset depends on it). */
export function presetLayers(presetId: string, shape: TableShape | null = null): HiddenLayer[] {
  const preset = PRESETS.find((p) => p.id === presetId);
  if (!preset) throw new Error(`unknown preset ${presetId}`);
  return preset.layers(shape).map(withId);
}

/** The default preset's layers for `shape`: `layers` themselves when they already have its widths (ids kept). */
export function sizedDefault(layers: readonly HiddenLayer[], shape: TableShape | null): readonly HiddenLayer[] {
  const widths = defaultUnits(shape);
  return widths.join() === layers.map((l) => l.units).join() ? layers : presetLayers('default', shape);
}

/** A new layer after `index` (at the end by default), as wide as the layer before it, or 16. */
export function addLayer(layers: readonly HiddenLayer[], index = layers.length - 1): HiddenLayer[] {
  if (layers.length >= MAX_HIDDEN_LAYERS) return [...layers];
  const before = layers[index];
  const layer = withId({ units: before?.units ?? 16, activation: before?.activation ?? 'relu', dropout: 0 });
  return [...layers.slice(0, index + 1), layer, ...layers.slice(index + 1)];
}

export function removeLayer(layers: readonly HiddenLayer[], id: number): HiddenLayer[] {
  return layers.filter((l) => l.id !== id);
}

/** Moves a layer one place towards the input (-1) or the output (+1); at either end nothing changes. */
export function moveLayer(layers: readonly HiddenLayer[], id: number, by: -1 | 1): HiddenLayer[] {
  const from = layers.findIndex((l) => l.id === id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= layers.length) return [...layers];
  const out = [...layers];
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

/** Changes one layer; units and dropout are kept inside what the engine accepts (whole units ≥ 1, dropout below 1). */
export function updateLayer(layers: readonly HiddenLayer[], id: number, change: Partial<Omit<HiddenLayer, 'id'>>): HiddenLayer[] {
  return layers.map((l) => {
    if (l.id !== id) return l;
    const next = { ...l, ...change };
    const units = Number.isFinite(next.units) ? Math.min(MAX_UNITS, Math.max(1, Math.round(next.units))) : l.units;
    const dropout = Number.isFinite(next.dropout) ? Math.min(MAX_DROPOUT, Math.max(0, next.dropout)) : l.dropout;
    return { ...next, units, dropout };
  });
}

export function toNetworkDesign(layers: readonly HiddenLayer[]): NetworkDesign {
  return {
    hidden: layers.flatMap((l): LayerSpec[] => [{ type: 'dense', units: l.units, activation: l.activation }, ...(l.dropout > 0 ? [{ type: 'dropout' as const, rate: l.dropout }] : [])]),
  };
}

/** Parameters of the design between the table's inputs and outputs (the loss does not change the count). */
export function designParameters(design: NetworkDesign, shape: TableShape): { trainable: number; nonTrainable: number } {
  return countParameters({ inputSize: shape.inputs, layers: [...design.hidden, { type: 'dense', units: shape.outputs }], loss: 'mse' });
}

/** The parameter cap's refusal for a network this size, or null when Layerlab trains it. */
export function sizeRefusal(count: { trainable: number; nonTrainable: number }): string | null {
  try {
    checkParameterCount(count.trainable + count.nonTrainable);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** "6-6-1": units of every Dense layer, the output included. */
export function designName(layers: readonly Pick<HiddenLayer, 'units'>[], outputUnits: number): string {
  return [...layers.map((l) => l.units), outputUnits].join('-');
}

/**
 * The JSON Schema of the model file, format versions 1 and 2. `docs/model-format.schema.json` is this object written
 * out (a test keeps them identical); loading checks a file against it before reading anything, and the fitted
 * recipe's own reader then checks every step's state field by field.
 *
 * Additional fields are allowed where a later 1.x version may add some; every field that changes a
 * prediction is required, so a misspelt one is reported as missing rather than silently defaulted.
 */
import { LOSSES } from '../nn/losses.ts';
import { OPTIMIZER_KINDS } from '../nn/optimizers/create-optimizer.ts';
import { STEP_KINDS } from '../prep/steps/params.ts';
import { TASKS } from '../prep/types.ts';
import { COLUMN_TYPES } from '../table/table.ts';
import type { JsonSchema } from './schema-check.ts';
import { TFJS_ACTIVATIONS } from './tfjs-topology.ts';

const text: JsonSchema = { type: 'string' };
const name: JsonSchema = { type: 'string', minLength: 1 };
const count: JsonSchema = { type: 'integer', minimum: 0 };
const positiveCount: JsonSchema = { type: 'integer', minimum: 1 };
const finite: JsonSchema = { type: 'number' };
const flag: JsonSchema = { type: 'boolean' };
const texts: JsonSchema = { type: 'array', items: text };

function object(properties: Record<string, JsonSchema>, required: readonly string[] = Object.keys(properties), extra: Partial<JsonSchema> = {}): JsonSchema {
  return { type: 'object', required, properties, ...extra };
}

function kerasLayer(className: string, config: Record<string, JsonSchema>, required: readonly string[]): JsonSchema {
  return object({ class_name: { const: className }, config: object({ name, batch_input_shape: { type: 'array', items: { type: ['integer', 'null'] } }, ...config }, ['name', ...required]) }, ['class_name', 'config']);
}

const initializer = object({ class_name: { enum: ['VarianceScaling', 'Zeros', 'Ones'] }, config: { type: 'object' } });

const layers = {
  dense: kerasLayer(
    'Dense',
    {
      units: positiveCount,
      activation: { enum: TFJS_ACTIVATIONS },
      use_bias: flag,
      kernel_initializer: { $ref: '#/$defs/initializer' },
      bias_initializer: { $ref: '#/$defs/initializer' },
      kernel_regularizer: {
        type: ['object', 'null'],
        required: ['class_name', 'config'],
        properties: { class_name: { const: 'L1L2' }, config: object({ l1: { type: 'number', minimum: 0 }, l2: { type: 'number', minimum: 0 } }) },
      },
    },
    ['units', 'activation', 'use_bias', 'kernel_initializer', 'bias_initializer'],
  ),
  dropout: kerasLayer('Dropout', { rate: { type: 'number', minimum: 0, exclusiveMaximum: 1 } }, ['rate']),
  batchNormalization: kerasLayer(
    'BatchNormalization',
    { axis: { type: 'integer' }, momentum: { type: 'number', minimum: 0, exclusiveMaximum: 1 }, epsilon: { type: 'number', exclusiveMinimum: 0 }, center: flag, scale: flag },
    ['axis', 'momentum', 'epsilon', 'center', 'scale'],
  ),
  leakyReLU: kerasLayer('LeakyReLU', { alpha: finite }, ['alpha']),
};

/** A layer of a functional model: its name and the layers it reads, beside its class and config. */
function functionalLayer(layer: JsonSchema): JsonSchema {
  const inbound = { type: 'array', items: { type: 'array', items: { type: 'array', minItems: 4, maxItems: 4 } } } as const;
  return { ...layer, required: [...(layer.required ?? []), 'name', 'inbound_nodes'], properties: { ...layer.properties, name, inbound_nodes: inbound } };
}

const functionalLayers = [
  functionalLayer(kerasLayer('InputLayer', { dtype: text, sparse: flag }, ['batch_input_shape'])),
  ...[layers.dense, layers.dropout, layers.batchNormalization, layers.leakyReLU].map(functionalLayer),
  functionalLayer(kerasLayer('Average', {}, [])),
];

const tensorRef: JsonSchema = { type: 'array', minItems: 3, maxItems: 3 };

const sequentialTopology = object(
  {
    class_name: { const: 'Sequential' },
    config: object({ name: text, layers: { type: 'array', minItems: 1, items: { $ref: '#/$defs/layer' } } }, ['layers']),
    keras_version: text,
    backend: text,
  },
  ['class_name', 'config'],
);

const functionalTopology = object(
  {
    class_name: { const: 'Model' },
    config: object(
      {
        name: text,
        layers: { type: 'array', minItems: 3, items: { $ref: '#/$defs/functionalLayer' } },
        input_layers: { type: 'array', minItems: 1, maxItems: 1, items: tensorRef },
        output_layers: { type: 'array', minItems: 1, maxItems: 1, items: tensorRef },
      },
      ['layers', 'input_layers', 'output_layers'],
    ),
    keras_version: text,
    backend: text,
  },
  ['class_name', 'config'],
);

const network = object(
  {
    format: { const: 'layers-model' },
    generatedBy: text,
    convertedBy: { type: ['string', 'null'] },
    modelTopology: { oneOf: [sequentialTopology, functionalTopology] },
    weightSpecs: { type: 'array', minItems: 1, items: object({ name, shape: { type: 'array', items: positiveCount }, dtype: { const: 'float32' } }) },
    weightData: { type: 'string', pattern: '^[A-Za-z0-9+/]*={0,2}$', description: 'base64 text (the weights as little-endian float32 values)' },
    loss: { enum: LOSSES },
  },
  ['format', 'modelTopology', 'weightSpecs', 'weightData', 'loss'],
);

const fittedTarget = object(
  {
    column: name,
    task: { enum: TASKS },
    classLabels: { type: 'array', minItems: 2, items: text },
    positiveLabel: text,
    targetWidth: { const: 1 },
    outputWidth: positiveCount,
    loss: { enum: LOSSES },
    scale: object({ mean: finite, std: { type: 'number', exclusiveMinimum: 0 } }),
  },
  ['column', 'task', 'targetWidth', 'outputWidth', 'loss'],
);

const inputColumn = object(
  { name, type: { enum: COLUMN_TYPES }, storage: { enum: ['number', 'category'] }, categories: texts, min: finite, max: finite, missingAllowed: flag },
  ['name', 'type', 'storage', 'missingAllowed'],
);

const recipeStep = (stateKey: 'params' | 'state'): JsonSchema => object({ id: name, kind: { enum: STEP_KINDS }, [stateKey]: { type: 'object' } });

const fittedRecipe = object({
  format: { const: 'layerlab-fitted-recipe' },
  version: { const: 1 },
  recipe: object(
    { version: { const: 1 }, target: object({ column: name }), split: { type: 'object' }, steps: { type: 'array', items: recipeStep('params') } },
    ['version', 'target', 'split', 'steps'],
  ),
  steps: { type: 'array', items: recipeStep('state') },
  features: { type: 'array', minItems: 1, items: name },
  target: { $ref: '#/$defs/fittedTarget' },
  inputSchema: { type: 'array', items: { $ref: '#/$defs/inputColumn' } },
});

const training = object(
  {
    design: object({ hidden: { type: 'array', items: { type: 'object' } } }, ['hidden']),
    settings: object(
      { epochs: positiveCount, batchSize: positiveCount, optimizer: object({ kind: { enum: OPTIMIZER_KINDS } }, ['kind']), seed: count },
      ['epochs', 'batchSize', 'optimizer', 'seed'],
    ),
    rows: object({ train: count, validation: count, test: count }),
    epochsCompleted: count,
    bestEpoch: { type: ['integer', 'null'] },
    stopReason: text,
    history: { type: 'object', additionalProperties: { type: 'array', items: { type: ['number', 'null'] } } },
  },
  ['design', 'settings', 'rows', 'epochsCompleted', 'stopReason'],
);

const provenance = object(
  {
    source: object(
      {
        name,
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: '64 lowercase hexadecimal digits (a SHA-256)' },
        rows: count,
        columns: count,
        format: text,
        sheet: { type: ['string', 'null'] },
        delimiter: { type: ['string', 'null'] },
        decimalComma: flag,
        encoding: { type: ['string', 'null'] },
      },
      ['name', 'sha256', 'rows'],
    ),
    app: object({ name, version: name }),
    created: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$', description: 'a UTC date and time such as "2025-01-31T12:00:00.000Z"' },
  },
  ['source', 'app', 'created'],
);

export const MODEL_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'urn:layerlab:model-format:1',
  title: 'Layerlab model file, format versions 1 and 2',
  description: 'A trained network (TensorFlow.js layers-model topology and weights) with its fitted cleaning recipe, training settings, metrics and provenance. See model-format.md.',
  type: 'object',
  required: ['format', 'version', 'network', 'recipe', 'training', 'metrics', 'provenance'],
  properties: {
    format: { const: 'layerlab-model' },
    version: { type: 'string', pattern: '^[12]\\.\\d+$', description: 'the format version "1.<minor>" or "2.<minor>"' },
    network: { $ref: '#/$defs/network' },
    recipe: { $ref: '#/$defs/fittedRecipe' },
    decision: object({ threshold: { type: 'number', minimum: 0, maximum: 1 } }),
    training: { $ref: '#/$defs/training' },
    metrics: object({ test: { type: ['object', 'null'] }, validation: { type: ['object', 'null'] } }),
    provenance: { $ref: '#/$defs/provenance' },
  },
  $defs: {
    network,
    layer: { oneOf: [layers.dense, layers.dropout, layers.batchNormalization, layers.leakyReLU] },
    functionalLayer: { oneOf: functionalLayers },
    initializer,
    fittedRecipe,
    fittedTarget,
    inputColumn,
    training,
    provenance,
  },
};

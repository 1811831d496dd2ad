/**
 * The published JSON Schema (docs/model-format.schema.json) is the one Layerlab checks with, and an independent
 * JSON Schema implementation (ajv 8, draft 2020-12) agrees with Layerlab's checker on real and broken files.
 */
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { serializeModel } from '../../../engine/model/model-file.ts';
import { MODEL_SCHEMA } from '../../../engine/model/model-schema.ts';
import { firstViolation } from '../../../engine/model/schema-check.ts';
import { modelSchemaText, SCHEMA_PATH } from '../../../main/export/schema-file.ts';
import { trained, type CaseName } from './trained.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ajv = new Ajv2020({ strict: true, allErrors: false });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')));

describe('the model file schema', () => {
  it('is published unchanged in docs/model-format.schema.json (regenerate: npx tsx main/export/schema-file.ts)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8')).toBe(modelSchemaText());
  });

  for (const name of ['titanic', 'iris', 'housing'] as CaseName[]) {
    it(`accepts the ${name} model, by ajv and by Layerlab's checker`, async () => {
      const json = JSON.parse(serializeModel((await trained(name)).file));
      expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
      expect(firstViolation(MODEL_SCHEMA, json)).toBeNull();
    });
  }

  const broken: [string, (f: Json) => void][] = [
    ['units as text', (f) => (f.network.modelTopology.config.layers[0].config.units = '8')],
    ['an unknown layer class', (f) => (f.network.modelTopology.config.layers[0].class_name = 'Conv2D')],
    ['a dropout rate of 1', (f) => (f.network.modelTopology.config.layers.splice(1, 0, { class_name: 'Dropout', config: { name: 'dropout', rate: 1 } }))],
    ['a bad SHA-256', (f) => (f.provenance.source.sha256 = 'ABC')],
    ['no recipe', (f) => delete f.recipe],
    ['a missing weight dtype', (f) => delete f.network.weightSpecs[0].dtype],
    ['a negative epoch count', (f) => (f.training.epochsCompleted = -1)],
  ];
  for (const [what, breakIt] of broken) {
    it(`rejects ${what}, by ajv and by Layerlab's checker`, async () => {
      const json = JSON.parse(serializeModel((await trained('titanic')).file));
      breakIt(json);
      expect(validate(json)).toBe(false);
      expect(firstViolation(MODEL_SCHEMA, json)).not.toBeNull();
    });
  }
});

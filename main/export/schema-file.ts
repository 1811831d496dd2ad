/**
 * docs/model-format.schema.json is `MODEL_SCHEMA` written out, so tools outside Layerlab (editors, ajv,
 * Python's jsonschema) check model files against exactly what Layerlab checks. A test keeps the two identical;
 * after changing the schema, regenerate with `npx tsx main/export/schema-file.ts`.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { MODEL_SCHEMA } from '../../engine/model/model-schema.ts';

export const SCHEMA_PATH = fileURLToPath(new URL('../../docs/model-format.schema.json', import.meta.url));

export function modelSchemaText(): string {
  return `${JSON.stringify(MODEL_SCHEMA, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SCHEMA_PATH, modelSchemaText());
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
}

/**
 * The project file (`.layerlab`): everything needed to come back to a piece of work — the dataset reference
 * (where it was, its SHA-256, how it was read), the cleaning recipe, the network design, the training
 * settings, and every run with its trained model (a complete model file: weights, fitted recipe, metrics,
 * history). Screens may keep their own small state in `view`. Read with the same care as a model file:
 * schema first, newer major versions refused, `__proto__` refused, every run's model fully checked.
 */
import { UserFacingError, isUserFacingError } from '../../engine/errors.ts';
import { loadModel } from '../../engine/model/load-model.ts';
import type { ModelFile } from '../../engine/model/model-file.ts';
import { refuseForbiddenKeys } from '../../engine/model/safe-json.ts';
import { describeViolation, firstViolation, type JsonSchema } from '../../engine/model/schema-check.ts';
import type { NetworkDesign, TrainingSettings } from '../../engine/pipeline/training-settings.ts';
import { recipeFromJSON } from '../../engine/prep/recipe-json.ts';
import type { Recipe } from '../../engine/prep/types.ts';
import { COLUMN_TYPES, type ColumnType } from '../../engine/table/table.ts';

export const PROJECT_FORMAT = 'layerlab-project';
export const PROJECT_MAJOR_VERSION = 1;
/** 1.1: the dataset's read options gained `columnMissingMarkers`. */
export const PROJECT_VERSION = `${PROJECT_MAJOR_VERSION}.1`;
export const PROJECT_EXTENSION = '.layerlab';

export interface DatasetReference {
  /**
   * Absolute path when last saved; only the file's name for a file a browser uploaded (it has no path), which
   * the user always locates again.
   */
  readonly path: string;
  /** The same file relative to the project file's folder, so a folder moved as a whole still finds its data. */
  readonly relativePath: string | null;
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly sheet: string | null;
  /** How the file was read, so reopening types every column the same way. */
  readonly options: DatasetReadOptions;
}

/** The loader's options, plus what the Data step changed: types chosen by the user and missing markers per column. */
export interface DatasetReadOptions {
  readonly missingMarkers?: readonly string[];
  readonly zeroMeansMissing?: readonly string[];
  readonly columnTypes?: Readonly<Record<string, ColumnType>>;
  /** Values that mean "missing" in one column (the Data step's cards), applied after reading. */
  readonly columnMissingMarkers?: Readonly<Record<string, readonly string[]>>;
}

export type RunStatus = 'completed' | 'stopped' | 'failed';

export interface ProjectRun {
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
  readonly status: RunStatus;
  /** The trained model; null for a run that failed before producing one. */
  readonly model: ModelFile | null;
  readonly error: { readonly code: string; readonly message: string } | null;
}

export interface ProjectFile {
  readonly format: typeof PROJECT_FORMAT;
  readonly version: string;
  readonly name: string;
  readonly dataset: DatasetReference | null;
  readonly recipe: Recipe | null;
  readonly design: NetworkDesign | null;
  readonly settings: TrainingSettings | null;
  readonly runs: readonly ProjectRun[];
  /** The screens' own state (current step, selected run, ...): plain JSON, returned as saved. */
  readonly view: Readonly<Record<string, unknown>>;
  readonly saved: { readonly at: string; readonly app: { readonly name: string; readonly version: string } } | null;
}

const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as 'object', 'null'] });
const text: JsonSchema = { type: 'string' };
const name: JsonSchema = { type: 'string', minLength: 1 };

export const PROJECT_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['format', 'version', 'name', 'dataset', 'recipe', 'design', 'settings', 'runs', 'view'],
  properties: {
    format: { const: PROJECT_FORMAT },
    version: { type: 'string', pattern: '^1\\.\\d+$', description: 'the format version "1.<minor>"' },
    name: text,
    dataset: nullable({
      type: 'object',
      required: ['path', 'name', 'sha256', 'bytes', 'sheet', 'options'],
      properties: {
        path: name,
        relativePath: { type: ['string', 'null'] },
        name,
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: '64 lowercase hexadecimal digits (a SHA-256)' },
        bytes: { type: 'integer', minimum: 0 },
        sheet: { type: ['string', 'null'] },
        options: {
          type: 'object',
          properties: {
            missingMarkers: { type: 'array', items: text },
            zeroMeansMissing: { type: 'array', items: text },
            columnTypes: { type: 'object', additionalProperties: { enum: COLUMN_TYPES } },
            columnMissingMarkers: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } } },
          },
        },
      },
    }),
    recipe: { type: ['object', 'null'] },
    design: nullable({ type: 'object', required: ['hidden'], properties: { hidden: { type: 'array', items: { type: 'object' } } } }),
    settings: nullable({ type: 'object', required: ['epochs', 'batchSize', 'optimizer', 'seed'] }),
    runs: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'label', 'startedAt', 'status', 'model', 'error'],
        properties: {
          id: name,
          label: text,
          startedAt: text,
          status: { enum: ['completed', 'stopped', 'failed'] },
          model: { type: ['object', 'null'] },
          error: nullable({ type: 'object', required: ['code', 'message'], properties: { code: text, message: text } }),
        },
      },
    },
    view: { type: 'object' },
    saved: nullable({ type: 'object', required: ['at', 'app'], properties: { at: text, app: { type: 'object', required: ['name', 'version'] } } }),
  },
};

function invalid(message: string): never {
  throw new UserFacingError('invalid-project', `Invalid project file: ${message}`);
}

/** Another reader's message about a part of the project, named from the project's root. */
function within<T>(field: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (!isUserFacingError(error)) throw error;
    const inner = /^Invalid [a-z ]+: "([^"]*)" (should be .*)$/s.exec(error.message);
    if (inner) invalid(`"${field}${inner[1] ? `.${inner[1]}` : ''}" ${inner[2]}`);
    invalid(`in "${field}": ${error.message}`);
  }
}

/** A parsed `.layerlab` document → a checked project. */
export function readProject(json: unknown): ProjectFile {
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== PROJECT_FORMAT) {
    const model = typeof json === 'object' && json !== null && (json as { format?: unknown }).format === 'layerlab-model';
    throw new UserFacingError('not-a-project', model ? 'This is a Layerlab model file, not a project. Open it from the Predict step, or with "layerlab predict".' : `This is not a Layerlab project (expected "format": "${PROJECT_FORMAT}").`);
  }
  refuseForbiddenKeys(json, 'This project file', ['dataset.options.columnTypes', 'dataset.options.columnMissingMarkers']);
  const version = (json as { version?: unknown }).version;
  const major = typeof version === 'string' ? Number(/^(\d+)\.\d+$/.exec(version)?.[1]) : NaN;
  if (major > PROJECT_MAJOR_VERSION) {
    throw new UserFacingError('project-too-new', `This project has format version ${version}, saved by a newer Layerlab; this one reads version ${PROJECT_MAJOR_VERSION}.x. Update Layerlab to open it.`);
  }
  const violation = firstViolation(PROJECT_SCHEMA, json);
  if (violation) invalid(`${describeViolation(violation)}.`);
  const project = json as ProjectFile;
  if (project.recipe) within('recipe', () => recipeFromJSON(project.recipe));
  const ids = new Set<string>();
  project.runs.forEach((run, i) => {
    if (ids.has(run.id)) invalid(`"runs[${i}].id" should be unique, found "${run.id}" a second time.`);
    ids.add(run.id);
    if (run.model) within(`runs[${i}].model`, () => loadModel(run.model));
  });
  return project;
}

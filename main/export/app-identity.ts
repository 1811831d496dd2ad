/** Who wrote a file: the name and version stamped into model and project files' provenance. */
import { readFile } from 'node:fs/promises';
import type { LoadedTable } from '../io/load-table.ts';
import type { ModelSource } from '../../engine/model/model-file.ts';

export interface AppIdentity {
  readonly name: string;
  readonly version: string;
}

let cached: Promise<AppIdentity> | null = null;

export function appIdentity(): Promise<AppIdentity> {
  cached ??= readFile(new URL('../../package.json', import.meta.url), 'utf8').then((text) => ({ name: 'Layerlab', version: (JSON.parse(text) as { version: string }).version }));
  return cached;
}

/** The model file's record of the data a model was trained on. */
export function modelSource(loaded: LoadedTable): ModelSource {
  const { source, table } = loaded;
  return {
    name: source.name,
    sha256: source.sha256,
    rows: table.rowCount,
    columns: table.columns.length,
    format: source.format,
    sheet: source.sheet,
    delimiter: source.delimiter,
    decimalComma: source.decimalComma,
    encoding: source.encoding,
  };
}

/** The bundled sample datasets: which exist on this install and where their files are. */
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UserFacingError } from '../../engine/errors.ts';
import type { SampleInfo } from '../api/contract.ts';
import { SAMPLE_CATALOG, type SampleEntry } from './sample-catalog.ts';

export class SampleLibrary {
  constructor(
    /** resources/samples in a checkout; the packaged app's resources folder when installed. */
    private readonly dir: string,
    private readonly catalog: readonly SampleEntry[] = SAMPLE_CATALOG,
  ) {}

  /** The samples whose file is present, in catalog order. */
  async list(): Promise<SampleInfo[]> {
    const found = await Promise.all(
      this.catalog.map(async (entry) => {
        try {
          return { ...entry, bytes: (await stat(join(this.dir, entry.fileName))).size };
        } catch {
          return null;
        }
      }),
    );
    return found.filter((sample): sample is SampleInfo => sample !== null);
  }

  /** The documented target of a dataset opened from a sample; undefined for any other file. */
  targetOf(dataset: { readonly origin: string; readonly name: string }): string | undefined {
    return dataset.origin === 'sample' ? this.catalog.find((sample) => sample.fileName === dataset.name)?.target : undefined;
  }

  /** Whether `path` is one of these samples' files (a reopened project's data, which the web host may open again). */
  isSampleFile(path: string): boolean {
    const absolute = resolve(path);
    return this.catalog.some((entry) => resolve(this.dir, entry.fileName) === absolute);
  }

  pathOf(id: string): string {
    const entry = this.catalog.find((sample) => sample.id === id);
    if (!entry) {
      throw new UserFacingError('unknown-sample', `There is no sample named "${id}". Choose one of: ${this.catalog.map((s) => s.id).join(', ')}.`);
    }
    return join(this.dir, entry.fileName);
  }
}

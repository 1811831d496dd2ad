/**
 * What an engine worker holds for each app (session) it serves: the open datasets' tables (shared memory), the
 * models it was sent (loaded on first use), and what it computed from them (profiles are per table; the prepared
 * recipe's stages and matrices; held-out rows recomputed for a model file; predicted files kept until saved).
 */
import { UserFacingError } from '../../../../engine/errors.ts';
import { loadModel, type LoadedModel } from '../../../../engine/model/load-model.ts';
import type { ModelPredictions } from '../../../../engine/model/predict.ts';
import type { Table } from '../../../../engine/table/table.ts';
import type { HeldOut } from '../../../results/evaluation.ts';
import { PreparedRecipeCache } from '../../prepared-recipes.ts';
import type { ModelData } from '../protocol.ts';

export interface KeptPredictions {
  readonly name: string;
  readonly table: Table;
  readonly model: LoadedModel;
  readonly predictions: ModelPredictions;
}

export class WorkerSession {
  private readonly tables = new Map<string, Table>();
  private readonly models = new Map<string, { readonly data: ModelData; loaded: LoadedModel | null }>();
  readonly recipes = new PreparedRecipeCache((datasetId) => this.table(datasetId));
  /** A model file's held-out rows computed again, by model and table (forgetting the model lets them go too). */
  readonly heldOut = new Map<string, WeakMap<Table, HeldOut>>();
  readonly predictions = new Map<string, KeptPredictions>();

  setTable(datasetId: string, table: Table): void {
    const previous = this.tables.get(datasetId);
    if (previous && previous !== table) this.recipes.forget(previous);
    this.tables.set(datasetId, table);
  }

  /** Main sends a dataset's table before any call that reads it; a missing one means main let it go meanwhile. */
  table(datasetId: string): Table {
    const table = this.tables.get(datasetId);
    if (!table) throw new UserFacingError('dataset-closed', 'This dataset is no longer open. Open the file again.');
    return table;
  }

  setModel(modelId: string, data: ModelData): void {
    this.models.set(modelId, { data, loaded: null });
  }

  model(modelId: string): { readonly data: ModelData; readonly loaded: LoadedModel } {
    const entry = this.models.get(modelId);
    if (!entry) throw new UserFacingError('unknown-model', 'That model is no longer open: train it again or open its model file.');
    entry.loaded ??= loadModel(entry.data.file);
    return { data: entry.data, loaded: entry.loaded };
  }

  forget(kind: 'dataset' | 'model' | 'predictions', id: string): void {
    if (kind === 'dataset') {
      const table = this.tables.get(id);
      if (table) this.recipes.forget(table);
      this.tables.delete(id);
    } else if (kind === 'model') {
      this.models.delete(id);
      this.heldOut.delete(id);
    } else {
      this.predictions.delete(id);
    }
  }
}

export class WorkerSessions {
  private readonly sessions = new Map<string, WorkerSession>();

  get(session: string): WorkerSession {
    let state = this.sessions.get(session);
    if (!state) {
      state = new WorkerSession();
      this.sessions.set(session, state);
    }
    return state;
  }

  close(session: string): void {
    this.sessions.delete(session);
  }
}

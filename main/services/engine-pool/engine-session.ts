/**
 * One app's door to the engine pool: its calls, named by the ids main knows (datasets, models, predicted files),
 * routed to a worker with what they read sent there first. The handlers ask this; the pool does the rest.
 */
import { randomUUID } from 'node:crypto';
import type { ModelFile } from '../../../engine/model/model-file.ts';
import type { Prepared, PreparedPreview, Recipe } from '../../../engine/prep/types.ts';
import type { Table } from '../../../engine/table/table.ts';
import type { LoadedTable, LoadOptions } from '../../io/load-table.ts';
import type { PreparedRecipes } from '../prepared-recipes.ts';
import type { Deliveries, EnginePool } from './engine-pool.ts';
import type { ArgsOf, EngineCallName, HeldOutQuery, ModelData, PrepareProgress, ProgressOf, ResultOf, SharedLoadedTable } from './protocol.ts';

/** Where the session finds what its calls read: the open datasets' tables and the models main holds. */
export interface EngineSources {
  tableOf(datasetId: string): Table;
  modelOf(modelId: string): { readonly file: ModelFile; readonly heldOut: ModelData['heldOut'] };
}

export interface CallOptions<K extends EngineCallName> {
  readonly onProgress?: (progress: ProgressOf<K>) => void;
  readonly signal?: AbortSignal;
}

interface Route {
  readonly datasets?: readonly string[];
  readonly models?: readonly string[];
  readonly home?: string;
}

type InsightArgs = ArgsOf<'importance'> | ArgsOf<'whatIf'> | ArgsOf<'picture'> | ArgsOf<'saveReport'>;

/** The open datasets an insight call reads rows of. */
function insightDatasets(args: InsightArgs): string[] {
  const rows = 'judged' in args ? args.judged : 'activity' in args ? args.activity : 'path' in args ? args.work.data : args.work.average;
  return rows ? [rows.datasetId] : [];
}

export class EngineSession implements PreparedRecipes {
  readonly id = randomUUID();
  /** The ModelData sent for a model, by the file main holds (a new file under the same id is sent again). */
  private readonly modelData = new WeakMap<ModelFile, ModelData>();
  /** Why this app reserved cores (reserveCores), given back when it closes. */
  private readonly reasons = new Set<string>();

  constructor(
    private readonly pool: EnginePool,
    private readonly sources: EngineSources,
  ) {}

  call<K extends EngineCallName>(name: K, args: ArgsOf<K>, options: CallOptions<K> = {}): Promise<ResultOf<K>> {
    const route = this.route(name, args);
    return this.pool.run({ session: this.id, name, args, deliveries: this.deliveries(route), ...(route.home ? { home: route.home } : {}), ...options });
  }

  /** Loads a file in a worker; the table arrives with its columns in shared memory. */
  loadTable = (path: string, options: LoadOptions): Promise<SharedLoadedTable> => {
    const { onProgress, signal, ...rest } = options;
    return this.call('loadTable', { path, options: rest }, { ...(onProgress ? { onProgress } : {}), ...(signal ? { signal } : {}) });
  };

  preview(datasetId: string, recipe: Recipe, rows: number, options: CallOptions<'preparedPreview'> = {}): Promise<PreparedPreview> {
    return this.call('preparedPreview', { datasetId, recipe, rows }, options);
  }

  prepared(datasetId: string, recipe: Recipe, options: CallOptions<'prepare'> = {}): Promise<Prepared> {
    return this.call('prepare', { datasetId, recipe }, options);
  }

  /** The dataset changed (a column's type) or closed: workers let go of the table they hold. */
  datasetChanged(datasetId: string): void {
    this.pool.forget(this.key('dataset', datasetId), { type: 'forget', session: this.id, kind: 'dataset', id: datasetId });
  }

  /** A model main let go (deleted, or another file under its id): workers let go of their copy and what they loaded from it. */
  modelRemoved(modelId: string): void {
    this.pool.forget(this.key('model', modelId), { type: 'forget', session: this.id, kind: 'model', id: modelId });
  }

  /** A predicted file main no longer keeps. */
  predictionsDropped(predictionId: string): void {
    this.pool.forget(this.key('predictions', predictionId), { type: 'forget', session: this.id, kind: 'predictions', id: predictionId });
  }

  /**
   * Cores in use elsewhere for `reason` (training runs, searches, cross-validations), which the pool leaves alone:
   * a count, or a function the pool asks whenever it starts calls (see EnginePool.reserve).
   */
  reserveCores(reason: string, cores: number | (() => number)): void {
    this.reasons.add(reason);
    this.pool.reserve(`${reason}:${this.id}`, cores);
  }

  /** Some reserved cores were given back (a run, search or cross-validation ended): waiting calls may start. */
  coresChanged(): void {
    this.pool.recount();
  }

  close(): void {
    for (const reason of this.reasons) this.pool.reserve(`${reason}:${this.id}`, 0);
    this.pool.closeSession(this.id);
  }

  private key(kind: string, id: string): string {
    return `${kind}:${this.id}:${id}`;
  }

  /** What each call reads (sent to its worker first) and whose cache it uses. */
  private route(name: EngineCallName, args: unknown): Route {
    const a = args as Partial<HeldOutQuery> & { datasetId?: string; predictionId?: string };
    const recipes = (datasetId: string) => this.key('recipes', datasetId);
    switch (name) {
      case 'profile':
      case 'suggestTarget':
      case 'suggest':
      case 'typicalValues':
        return { datasets: [a.datasetId!] };
      case 'recipePreview':
      case 'preparedPreview':
      case 'prepare':
      case 'saveCleanedCsv':
        return { datasets: [a.datasetId!], home: recipes(a.datasetId!) };
      case 'evaluation':
      case 'evaluationRows': {
        const source = a.source!;
        const datasets = [...(source.kind === 'dataset' ? [source.datasetId] : []), ...(a.tableId ? [a.tableId] : [])];
        return { datasets, models: [a.modelId!], ...(source.kind === 'dataset' ? { home: recipes(source.datasetId) } : {}) };
      }
      case 'predictFile':
        return { models: [a.modelId!], home: this.key('predictions', a.predictionId!) };
      case 'savePredictions':
        return { home: this.key('predictions', a.predictionId!) };
      case 'importance':
      case 'whatIf':
      case 'picture':
      case 'saveReport':
        return { datasets: insightDatasets(args as InsightArgs), models: [a.modelId!] };
      default:
        return {};
    }
  }

  private deliveries(route: Route): Deliveries {
    return () => [
      ...[...new Set(route.datasets)].map((datasetId) => {
        const table = this.sources.tableOf(datasetId);
        return { key: this.key('dataset', datasetId), held: table, message: { type: 'dataset' as const, session: this.id, datasetId, table } };
      }),
      ...(route.models ?? []).map((modelId) => {
        const model = this.modelDataOf(modelId);
        return { key: this.key('model', modelId), held: model, message: { type: 'model' as const, session: this.id, modelId, model } };
      }),
    ];
  }

  private modelDataOf(modelId: string): ModelData {
    const { file, heldOut } = this.sources.modelOf(modelId);
    let data = this.modelData.get(file);
    if (!data) {
      data = { file, heldOut };
      this.modelData.set(file, data);
    }
    return data;
  }
}

export type { LoadedTable, PrepareProgress };

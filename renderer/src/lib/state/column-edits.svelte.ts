/**
 * The Data step's edits of the open dataset's columns: a type (for one column or several at once, all or none)
 * and the values that mean "missing". Main changes the dataset; the table view follows, and the recipe's owner
 * (RecipeState) is told, so the profile, the recipe or the target question follow the new columns.
 */
import type { ColumnTypesChanged } from '../../../../main/api/calls/recipe-calls.ts';
import type { ColumnType } from '../../../../main/api/contract.ts';
import { messages } from '../messages.ts';
import type { Platform } from '../platform/platform.ts';
import type { DatasetState } from './dataset.svelte.ts';
import type { Notices } from './notices.svelte.ts';

export interface ColumnEditHost {
  /** The open dataset's id; null before one is open. */
  datasetId(): string | null;
  /** `columns` changed in main (`changed` says how): the profile and the recipe follow. */
  columnsChanged(datasetId: string, columns: readonly string[], changed: ColumnTypesChanged): Promise<void>;
}

export class ColumnEdits {
  /** The missing markers the user set per column (the Data step's cards show them). */
  markers = $state.raw<Readonly<Record<string, readonly string[]>>>({});

  constructor(
    private readonly platform: Platform,
    private readonly notices: Notices,
    private readonly dataset: DatasetState,
    private readonly host: ColumnEditHost,
  ) {}

  /** A column's type, changed in main; the recipe is suggested again for the same target (undoable). */
  async changeType(column: string, type: ColumnType): Promise<boolean> {
    return this.changeTypes([{ column, type }]);
  }

  /** Several columns' types at once (all or none); the recipe is suggested again once (undoable). */
  async changeTypes(changes: readonly { readonly column: string; readonly type: ColumnType }[]): Promise<boolean> {
    if (changes.length === 0) return false;
    const refused = changes.length === 1 ? messages.typeRefused(changes[0]!.column, changes[0]!.type) : messages.typesRefused(changes.length);
    const changed = await this.change(
      changes.map((c) => c.column),
      async (datasetId) => {
        if (changes.length > 1) return this.platform.api.setColumnTypes({ datasetId, changes: [...changes] });
        const { summary, ...column } = await this.platform.api.setColumnType({ datasetId, ...changes[0]! });
        return { summary, columns: [column] };
      },
      refused,
    );
    if (changed) this.markers = { ...this.markers, ...Object.fromEntries(changes.map((c) => [c.column, []])) };
    return changed;
  }

  /** Values that mean "missing" in `column` (none: the column as loaded); the recipe is suggested again. */
  async setMissingMarkers(column: string, markers: readonly string[]): Promise<boolean> {
    const change = async (datasetId: string) => {
      const { summary, ...changed } = await this.platform.api.setMissingMarkers({ datasetId, column, markers: [...markers] });
      return { summary, columns: [changed] };
    };
    const changed = await this.change([column], change, messages.markersRefused(column));
    if (changed) this.markers = { ...this.markers, [column]: markers };
    return changed;
  }

  private async change(columns: readonly string[], change: (datasetId: string) => Promise<ColumnTypesChanged>, refused: string): Promise<boolean> {
    const datasetId = this.host.datasetId();
    if (!datasetId) return false;
    try {
      const changed = await change(datasetId);
      if (this.host.datasetId() !== datasetId) return false;
      this.dataset.replaceSummary(changed.summary);
      await this.host.columnsChanged(datasetId, columns, changed);
      return true;
    } catch (error) {
      this.notices.push('error', refused, error instanceof Error ? error.message : String(error));
      return false;
    }
  }
}

/**
 * The Data step's bulk type edit: columns ticked in the column list (one by one, all of them, or every column
 * with at most N different values), then one type for all of them in one change (ColumnEdits.changeTypes).
 */
import type { ColumnType } from '../../../../main/api/contract.ts';
import type { RecipeState } from './recipe.svelte.ts';

export class TypeSelection {
  selected = $state.raw<ReadonlySet<string>>(new Set());
  /** The type the Apply button gives the selected columns. */
  type = $state<ColumnType>('categorical');
  /** "Columns with at most this many different values". */
  maxValues = $state(10);
  applying = $state(false);

  constructor(private readonly recipe: RecipeState) {}

  toggle(column: string, on: boolean): void {
    const next = new Set(this.selected);
    if (on) next.add(column);
    else next.delete(column);
    this.selected = next;
  }

  select(columns: Iterable<string>): void {
    this.selected = new Set(columns);
  }

  /** Every column with at most `maxValues` different values (from the profile), the target left out. */
  selectFewValues(): void {
    const target = this.recipe.recipe?.target.column;
    this.select((this.recipe.profile?.columns ?? []).filter((c) => c.distinct <= this.maxValues && c.name !== target).map((c) => c.name));
  }

  /** The selected columns whose type is not already `type`. */
  get pending(): string[] {
    return (this.recipe.profile?.columns ?? []).filter((c) => this.selected.has(c.name) && c.type !== this.type).map((c) => c.name);
  }

  async apply(): Promise<void> {
    const columns = this.pending;
    if (columns.length === 0) return;
    this.applying = true;
    try {
      if (await this.recipe.columns.changeTypes(columns.map((column) => ({ column, type: this.type })))) this.select([]);
    } finally {
      this.applying = false;
    }
  }

  /** Takes the suggested types (quoted numeric codes as categories) in one change. */
  async takeSuggestions(): Promise<void> {
    const suggestions = this.recipe.profile?.typeSuggestions ?? [];
    if (suggestions.length === 0) return;
    this.applying = true;
    try {
      await this.recipe.columns.changeTypes(suggestions.map(({ column, type }) => ({ column, type })));
    } finally {
      this.applying = false;
    }
  }
}

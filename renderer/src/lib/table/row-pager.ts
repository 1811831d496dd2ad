/**
 * A window onto a table that lives in main: rows are fetched in fixed blocks as they scroll into view, a bounded
 * number of blocks stays cached, and each block is requested once however often the view asks for it.
 * A failed request is reported once and ends the pager: the table is gone or main is unreachable, and retrying on
 * every scroll would only repeat the message.
 */
import type { DatasetRows } from '../../../../main/api/contract.ts';

export type Cell = number | string | null;
export type FetchRows = (start: number, count: number) => Promise<DatasetRows>;

export interface PagerOptions {
  readonly rowCount: number;
  readonly blockSize?: number;
  /** Blocks kept in memory; the least recently used goes first. */
  readonly maxBlocks?: number;
  /** Called when a block arrives, so the view can redraw. */
  readonly onBlock?: () => void;
  readonly onError?: (error: unknown) => void;
}

export class RowPager {
  readonly rowCount: number;
  private readonly blockSize: number;
  private readonly maxBlocks: number;
  /** Map order is recency order. */
  private readonly blocks = new Map<number, DatasetRows['columns']>();
  private readonly pending = new Set<number>();
  private stopped = false;

  constructor(
    private readonly fetchRows: FetchRows,
    private readonly options: PagerOptions,
  ) {
    this.rowCount = options.rowCount;
    this.blockSize = options.blockSize ?? 256;
    this.maxBlocks = Math.max(2, options.maxBlocks ?? 64);
  }

  /** The cell, null when missing, undefined while its block is still on its way. */
  cell(row: number, column: number): Cell | undefined {
    const block = this.blocks.get(Math.floor(row / this.blockSize));
    return block ? block[column]?.[row % this.blockSize] : undefined;
  }

  /** Makes sure rows first…last (inclusive) are loaded or on their way, and marks them recently used. */
  want(first: number, last: number): void {
    if (this.stopped) return;
    const from = Math.max(0, Math.floor(first / this.blockSize));
    const to = Math.min(Math.ceil(this.rowCount / this.blockSize) - 1, Math.floor(last / this.blockSize));
    for (let index = from; index <= to; index++) {
      const block = this.blocks.get(index);
      if (block) {
        this.blocks.delete(index);
        this.blocks.set(index, block);
      } else if (!this.pending.has(index)) {
        void this.load(index);
      }
    }
  }

  /** Ignores blocks still in flight and fetches no more (the dataset was replaced). */
  close(): void {
    this.stopped = true;
    this.blocks.clear();
  }

  private async load(index: number): Promise<void> {
    this.pending.add(index);
    try {
      const rows = await this.fetchRows(index * this.blockSize, Math.min(this.blockSize, this.rowCount - index * this.blockSize));
      if (this.stopped) return;
      this.blocks.set(index, rows.columns);
      while (this.blocks.size > this.maxBlocks) this.blocks.delete(this.blocks.keys().next().value!);
      this.options.onBlock?.();
    } catch (error) {
      if (this.stopped) return;
      this.stopped = true;
      this.options.onError?.(error);
    } finally {
      this.pending.delete(index);
    }
  }
}

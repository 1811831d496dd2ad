/** A dataset held in main, shown through the virtual table: rows arrive block by block as they scroll into view. */
import type { DatasetSummary, LayerlabApi } from '../../../../main/api/contract.ts';
import { cellText, isNumericType } from '../format.ts';
import { RowPager } from './row-pager.ts';
import type { TableColumn, TableSource } from './table-source.ts';

export class RemoteTable implements TableSource {
  readonly rowCount: number;
  readonly columns: readonly TableColumn[];
  /** Bumped when a block arrives: cells read it, so the rows on screen redraw. */
  private version = $state(0);
  private readonly pager: RowPager;

  constructor(
    api: LayerlabApi,
    private readonly summary: DatasetSummary,
    onError: (error: unknown) => void,
  ) {
    this.rowCount = summary.rowCount;
    this.columns = summary.columns.map((column) => ({
      name: column.name,
      numeric: isNumericType(column.type),
      detail: column.type,
      width: column.type === 'text' ? 240 : column.type === 'datetime' ? 170 : undefined,
    }));
    this.pager = new RowPager((start, count) => api.datasetRows({ datasetId: summary.datasetId, start, count }), {
      rowCount: summary.rowCount,
      onBlock: () => this.version++,
      onError,
    });
  }

  text(row: number, column: number): string | null | undefined {
    void this.version;
    const value = this.pager.cell(row, column);
    return value === null || value === undefined ? value : cellText(value, this.summary.columns[column]!.type);
  }

  want(first: number, last: number): void {
    this.pager.want(first, last);
  }

  close(): void {
    this.pager.close();
  }
}

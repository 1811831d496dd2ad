/**
 * Duplicate rows without building row keys: each row gets a 32-bit hash mixed column by column, an open
 * addressing table of row indices finds candidates, and candidates are compared cell by cell.
 */
import type { Column, Table } from './table.ts';

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);

function mix(hash: number, value: number): number {
  return Math.imul(hash ^ value, 0x9e3779b1) ^ (hash >>> 15);
}

function rowHashes(table: Table): Int32Array {
  const hashes = new Int32Array(table.rowCount).fill(0x811c9dc5);
  for (const column of table.columns) {
    if (column.storage === 'category') {
      for (let i = 0; i < hashes.length; i++) hashes[i] = mix(hashes[i]!, column.codes[i]!);
      continue;
    }
    for (let i = 0; i < hashes.length; i++) {
      const v = column.values[i]!;
      // One bit pattern for every NaN and for ±0, so equal cells hash alike.
      bits[0] = v !== v ? NaN : v === 0 ? 0 : v;
      hashes[i] = mix(mix(hashes[i]!, words[0]!), words[1]!);
    }
  }
  return hashes;
}

function sameCell(column: Column, a: number, b: number): boolean {
  if (column.storage === 'category') return column.codes[a] === column.codes[b];
  const x = column.values[a]!;
  const y = column.values[b]!;
  return x === y || (x !== x && y !== y);
}

/** Tables are never changed once made: a table's count is kept while it lives (the profile and the suggestion both ask). */
const counted = new WeakMap<Table, number>();

/** Rows equal in every column to an earlier row (missing equals missing), as pandas `duplicated().sum()`. */
export function countDuplicateRows(table: Table): number {
  let duplicates = counted.get(table);
  if (duplicates === undefined) {
    duplicates = countDuplicates(table);
    counted.set(table, duplicates);
  }
  return duplicates;
}

function countDuplicates(table: Table): number {
  const n = table.rowCount;
  if (n < 2) return 0;
  const hashes = rowHashes(table);
  let size = 1;
  while (size < n * 2) size *= 2;
  const slots = new Int32Array(size);
  const mask = size - 1;
  let duplicates = 0;
  for (let row = 0; row < n; row++) {
    const hash = hashes[row]!;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const other = slots[slot]! - 1;
      if (other < 0) {
        slots[slot] = row + 1;
        break;
      }
      if (hashes[other] === hash && table.columns.every((column) => sameCell(column, row, other))) {
        duplicates++;
        break;
      }
    }
  }
  return duplicates;
}

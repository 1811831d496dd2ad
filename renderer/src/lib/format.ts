/** How numbers, sizes and cells read on screen. Pure functions, shared by every step. */
import type { ColumnType } from '../../../main/api/contract.ts';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function count(n: number): string {
  return integer.format(n);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function fileSize(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return plural(bytes, 'byte');
}

/**
 * A share in whole percent, rounded down (a bar that is 99.6% full is not done) but never down to nothing: a few
 * rows out of many read "<1%", not "0%".
 */
export function percent(fraction: number): string {
  const f = Math.min(1, Math.max(0, fraction));
  return f > 0 && f < 0.01 ? '<1%' : `${Math.floor(f * 100)}%`;
}

/** A number as a person reads it: thousands grouped from 10,000 on only, so years and codes read 2008, not 2,008. */
export function readableNumber(value: number, options: Intl.NumberFormatOptions = {}): string {
  return value.toLocaleString('en-US', { ...options, useGrouping: Math.abs(value) >= 10_000 });
}

/** A cell as text: numbers as the file wrote them (no grouping, no rounding), dates as ISO. */
export function cellText(value: number | string, type: ColumnType): string {
  if (typeof value === 'string') return value;
  if (type === 'datetime') {
    const iso = new Date(value).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  return String(value);
}

export function isNumericType(type: ColumnType): boolean {
  return type === 'numeric' || type === 'integer';
}

/** The one way a split reads, wherever it is shown: "70% training · 15% validation · 15% test · stratified · seed 42". */
export function splitText(split: { readonly train: number; readonly validation: number; readonly test: number; readonly stratify: boolean; readonly seed: number }, task: string | null = null): string {
  const share = (x: number) => `${Math.round(x * 100)}%`;
  const stratified = split.stratify && task !== 'regression' ? ' · stratified' : '';
  return `${share(split.train)} training · ${share(split.validation)} validation · ${share(split.test)} test${stratified} · seed ${split.seed}`;
}

/**
 * Piecewise-linear encoding of numbers (Gorishniy, Rubachev and Babenko, "On Embeddings for Numerical Features
 * in Tabular Deep Learning", NeurIPS 2022). Each column is cut at edges b₀ < … < b_T learned from the training
 * rows' quantiles (see pieceEdges for ties) and replaced by T columns: piece t of x is
 * (x − b_{t−1}) / (b_t − b_{t−1}), at most 1 unless t = T, at least 0 unless t = 1. A value fills the pieces below
 * it, part of its own, none above it; beyond the training range the first or last piece goes on linearly. A
 * standardized number gives a network one straight input to bend; the pieces let it respond differently in each
 * range, which is where gradient-boosted trees otherwise beat it on tables. Empty cells stay empty.
 */
import type { Table } from '../../table/table.ts';
import { JsonReader } from '../json-reader.ts';
import { presentValues, sortedCopy } from '../stats.ts';
import { numberColumn, plural, quoteList, replaceColumn, requireNumberColumn } from '../table-ops.ts';
import type { StepDefinition, StepOutput } from '../types.ts';
import type { PiecewiseLinearParams } from './params.ts';

export interface PiecewiseColumn {
  readonly column: string;
  /** Strictly increasing, at least two. */
  readonly edges: readonly number[];
}

export interface PiecewiseLinearState {
  readonly columns: readonly PiecewiseColumn[];
}

export const DEFAULT_PIECES = 16;
export const MAX_PIECES = 256;
const PURPOSE = 'Piecewise-linear encoding';
const INSTEAD = 'Encode it as categories instead, or remove it from the piecewise-linear step.';

export function pieceName(column: string, piece: number): string {
  return `${column} (piece ${piece})`;
}

/** The distinct values among the quantiles at 0, 1/T, …, 1 (element round(q·(n − 1)) of the sorted values). */
function quantileEdges(sorted: Float64Array, pieces: number): number[] {
  const edges: number[] = [];
  for (let t = 0; t <= pieces; t++) {
    const edge = sorted[Math.round((t / pieces) * (sorted.length - 1))]! + 0;
    if (edges.length === 0 || edge > edges[edges.length - 1]!) edges.push(edge);
  }
  return edges;
}

/**
 * Edges at the training rows' quantiles. Quantiles collapse on a value many rows share: a column that is 0 on
 * nine rows of ten (a capital gain, a count of rare events) got one piece from 0 to its maximum, a straight line
 * again, and the network no bend where the trees split it. So the edges the ties took are given back to the
 * rows between the edges: the missing k edges are the k inner quantiles (1/(k+1), …, k/(k+1)) of the values no
 * edge sits on. A column whose quantiles do not collapse keeps its edges (measured: docs/quality.md, session 25).
 */
export function pieceEdges(values: Float64Array, pieces: number): number[] {
  const sorted = sortedCopy(values);
  let edges = quantileEdges(sorted, pieces);
  const missing = pieces + 1 - edges.length;
  const onEdge = new Set(edges);
  const between = missing > 0 ? sorted.filter((v) => !onEdge.has(v)) : new Float64Array(0);
  if (between.length > 0) {
    const given = Array.from({ length: missing }, (_, i) => between[Math.round(((i + 1) / (missing + 1)) * (between.length - 1))]! + 0);
    edges = [...edges, ...given].sort((a, b) => a - b).filter((e, i, all) => i === 0 || e > all[i - 1]!);
  }
  return edges.length >= 2 ? edges : [edges[0]!, edges[0]! + 1];
}

/** Piece t (1-based) of x for these edges. */
export function pieceValue(x: number, edges: readonly number[], t: number): number {
  const lo = edges[t - 1]!;
  const hi = edges[t]!;
  let v = (x - lo) / (hi - lo);
  if (t < edges.length - 1 && v > 1) v = 1;
  if (t > 1 && v < 0) v = 0;
  return v;
}

export const piecewiseLinear: StepDefinition<PiecewiseLinearParams, PiecewiseLinearState> = {
  kind: 'piecewise-linear',
  beforeSplit: false,
  learns: () => true,
  inputs: (params) => params.columns,

  fit(table: Table, trainRows: Int32Array, params: PiecewiseLinearParams): PiecewiseLinearState {
    const pieces = params.pieces ?? DEFAULT_PIECES;
    return {
      columns: params.columns.map((column) => ({ column, edges: pieceEdges(presentValues(requireNumberColumn(table, column, PURPOSE, INSTEAD), trainRows, 'piecewise-linear encoding'), pieces) })),
    };
  },

  transform(table: Table, state: PiecewiseLinearState): StepOutput {
    let out = table;
    let made = 0;
    for (const { column, edges } of state.columns) {
      const source = requireNumberColumn(out, column, PURPOSE, INSTEAD);
      const pieces = Array.from({ length: edges.length - 1 }, (_, i) => {
        const values = source.values.map((x) => (Number.isNaN(x) ? NaN : pieceValue(x, edges, i + 1)));
        return numberColumn(pieceName(column, i + 1), values, 'numeric', `${source.reason}; piece ${i + 1} of ${edges.length - 1}`);
      });
      made += pieces.length;
      out = replaceColumn(out, column, pieces);
    }
    return { table: out, cellsChanged: 0, note: `encoded ${plural(state.columns.length, 'column')} in ${plural(made, 'piece')}` };
  },

  describe: (params) => `Encode ${quoteList(params.columns)} piece by piece (up to ${params.pieces ?? DEFAULT_PIECES} pieces each, cut at the training rows' quantiles)`,

  parseParams(json: unknown, at: string): PiecewiseLinearParams {
    const r = JsonReader.object(json, at, 'recipe');
    const columns = r.strings('columns');
    if (!r.has('pieces')) return { columns };
    return { columns, pieces: r.number('pieces', `a whole number from 1 to ${MAX_PIECES}`, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_PIECES) };
  },

  parseState(json: unknown, at: string): PiecewiseLinearState {
    const r = JsonReader.object(json, at, 'fitted recipe');
    return {
      columns: r.list('columns').map((item, i) => {
        const c = JsonReader.object(item, `${at}.columns[${i}]`, 'fitted recipe');
        const edges = c.list('edges');
        const increasing = edges.length >= 2 && edges.every((e, k) => typeof e === 'number' && Number.isFinite(e) && (k === 0 || e > (edges[k - 1] as number)));
        if (!increasing) c.fail('edges', 'at least two increasing finite numbers');
        return { column: c.string('column'), edges: edges as number[] };
      }),
    };
  },
};

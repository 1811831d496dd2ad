/**
 * Categorical encodings (one-hot with its "(other)" bucket, ordinal, binary): each output column is a lookup
 * table over the column's label codes. An empty cell gives NaN outputs, left for the gap check as in Layerlab;
 * a label the encoding never saw gives zeros (one-hot, `unseen: zeros`) or refuses the row. A number column
 * encoded as categories reads each value as its label (`1`, `2.5`), as Layerlab does.
 */
import { OTHER_LEVEL } from '../../../../engine/prep/steps/encode.ts';
import type { StepStateByKind } from '../../../../engine/prep/steps/registry.ts';
import { numberLabel } from '../../../../engine/prep/table-ops.ts';
import { codeTable, MISSING, OTHER, type ColumnValue } from '../columns.ts';
import type { GraphBuilder } from '../graph-builder.ts';
import { reasons } from '../messages.ts';
import { equal, isNaN, lookup, member, where } from '../ops.ts';
import { bound, type StepEmitter } from './context.ts';

type EncodeState = StepStateByKind['encode'];

/** Codes over `labels` for a number column: a value matches the label that reads back as it. */
function numberCodes(g: GraphBuilder, x: Extract<ColumnValue, { kind: 'number' }>, labels: readonly string[], hint: string): string {
  let codes = where(g, isNaN(g, x.tensor), g.int64(MISSING), g.int64(OTHER), hint);
  labels.forEach((label, code) => {
    const value = Number(label);
    if (label.trim() === '' || numberLabel(value) !== label) return;
    codes = where(g, equal(g, x.tensor, bound(g, x, value)), g.int64(code), codes, hint);
  });
  return codes;
}

function knownLabels(s: EncodeState): readonly string[] {
  if (s.method === 'one-hot') return [...s.levels, ...s.otherLevels];
  return s.method === 'ordinal' ? s.order : [s.negative, s.positive];
}

/** Each output column's name and its value for a label (undefined: the label is unseen). */
function outputs(s: EncodeState): { name: string; valueOf: (label: string) => number | undefined; unseen: number }[] {
  if (s.method === 'binary') {
    return [{ name: `${s.column}=${s.positive}`, valueOf: (l) => (l === s.positive ? 1 : l === s.negative ? 0 : undefined), unseen: NaN }];
  }
  if (s.method === 'ordinal') {
    const index = new Map(s.order.map((l, i) => [l, i]));
    return [{ name: s.column, valueOf: (l) => index.get(l), unseen: NaN }];
  }
  const slot = new Map<string, number>([...s.levels.map((l, i) => [l, i] as const), ...s.otherLevels.map((l) => [l, s.levels.length] as const)]);
  const names = [...s.levels, ...(s.otherLevels.length > 0 ? [OTHER_LEVEL] : [])].map((l) => `${s.column}=${l}`);
  return names.map((name, k) => ({ name, valueOf: (l) => (slot.has(l) ? (slot.get(l) === k ? 1 : 0) : undefined), unseen: 0 }));
}

export const encode: StepEmitter<'encode'> = ({ g, columns, rejections }, s) => {
  const source = columns.get(s.column);
  const known = knownLabels(s);
  const { codes, vocabulary } = source.kind === 'labels' ? { codes: source.tensor, vocabulary: source.vocabulary } : { codes: numberCodes(g, source, known, `${s.column}/codes`), vocabulary: known };
  const policy = s.method === 'one-hot' ? s.unseen : 'error';
  if (policy === 'error') {
    const seen = new Set(known);
    rejections.add(member(g, codes, codeTable(vocabulary, (l) => !seen.has(l), true, false), `${s.column}/unseen`), reasons.unseen(s.column));
  }
  const encoded = outputs(s).map(({ name, valueOf, unseen }) => {
    const table = codeTable(vocabulary, (l) => valueOf(l) ?? unseen, unseen, NaN);
    return { name, value: { kind: 'number' as const, tensor: lookup(g, codes, table, name), fromFloat: false } };
  });
  columns.replace(s.column, encoded);
};

/**
 * The operator compositions that stand in for JavaScript's own functions, run by onnxruntime-web against those
 * functions on values chosen to break them: the calendar (date parts against `Date`'s UTC getters, over the
 * whole range a Date can hold) and the signed log1p (against Math.log1p where ln(1 + x) loses digits).
 */
import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { datePartValue } from '../../../../engine/prep/steps/date-parts.ts';
import { signedLog1p as jsSignedLog1p } from '../../../../engine/prep/steps/log-transform.ts';
import { Columns } from '../../../../main/export/onnx/columns.ts';
import { GraphBuilder } from '../../../../main/export/onnx/graph-builder.ts';
import { encodeModel } from '../../../../main/export/onnx/onnx-proto.ts';
import { signedLog1p } from '../../../../main/export/onnx/ops.ts';
import { Rejections } from '../../../../main/export/onnx/rejections.ts';
import { dateParts } from '../../../../main/export/onnx/steps/date-parts-step.ts';
import type { FittedRecipe } from '../../../../engine/prep/types.ts';

/** A graph from one double input `x` [N, 1] to double outputs, run on `values`. */
async function run(values: readonly number[], emit: (g: GraphBuilder, x: string) => Record<string, string>): Promise<Record<string, Float64Array>> {
  const g = new GraphBuilder(['x']);
  const x = g.input({ name: 'x', type: 'double', shape: ['N', 1] });
  const outputs = emit(g, x);
  for (const [name, tensor] of Object.entries(outputs)) g.output({ name, type: 'double', shape: ['N', 1] }, tensor);
  const bytes = encodeModel({ irVersion: 7, opsets: [{ domain: '', version: 13 }], producerName: 'test', producerVersion: '0', doc: '', metadata: [], graph: g.build('test', '') });
  const session = await ort.InferenceSession.create(bytes);
  const result = await session.run({ x: new ort.Tensor('float64', Float64Array.from(values), [values.length, 1]) });
  await session.release();
  return Object.fromEntries(Object.keys(outputs).map((name) => [name, result[name]!.data as Float64Array]));
}

const PARTS = ['year', 'month', 'day', 'day-of-week'] as const;

describe('date parts in ONNX operators', () => {
  it('match Date\'s UTC year, month, day and weekday from 271821 BC to AD 275760, and are empty beyond', async () => {
    const MAX = 8.64e15;
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const values = [
      NaN, 0, -1, -0.5, 0.5, 86_399_999, 86_400_000, -86_400_000, -86_400_001, MAX, -MAX, MAX + 1, -MAX - 1, Infinity, -Infinity,
      Date.UTC(2000, 1, 29), Date.UTC(2000, 2, 1) - 1, Date.UTC(1900, 1, 28), Date.UTC(1900, 2, 1), Date.UTC(2100, 1, 28, 23), Date.UTC(1600, 1, 29),
      Date.UTC(0, 0, 1), Date.UTC(-1, 11, 31), Date.UTC(1582, 9, 15), Date.UTC(9999, 11, 31, 23, 59, 59, 999),
      ...Array.from({ length: 20_000 }, () => Math.round((random() * 2 - 1) * MAX)),
      ...Array.from({ length: 5_000 }, () => Math.round((random() * 2 - 1) * 4e12)),
    ];
    const outputs = await run(values, (g, x) => {
      const columns = new Columns([{ name: 'd', value: { kind: 'number', tensor: x, fromFloat: false } }]);
      dateParts({ g, columns, rejections: new Rejections(g), recipe: {} as FittedRecipe }, { column: 'd', parts: [...PARTS] });
      return Object.fromEntries(columns.all().map((c, i) => [PARTS[i]!, c.value.tensor]));
    });
    const wrong: string[] = [];
    values.forEach((ms, i) => {
      for (const part of PARTS) {
        const expected = datePartValue(part, ms);
        const got = outputs[part]![i]!;
        if (!(got === expected || (Number.isNaN(got) && Number.isNaN(expected)))) wrong.push(`${ms} ${part}: Date ${expected}, ONNX ${got}`);
      }
    });
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});

describe('signed log1p in ONNX operators', () => {
  it('equals sign(x)·Math.log1p(|x|) to a few ulps, where ln(1 + x) alone would lose every digit', async () => {
    const values = [0, -0, 1e-300, -1e-300, 1e-17, 1e-10, -1e-10, 1e-5, 0.1, 1, -1, 2.5, 1e10, -1e10, 1e300, Number.MAX_VALUE, Infinity, -Infinity, NaN, 5e-324];
    const { y } = await run(values, (g, x) => ({ y: signedLog1p(g, x, 'log') }));
    values.forEach((v, i) => {
      const expected = jsSignedLog1p(v);
      const got = y![i]!;
      if (Number.isNaN(expected)) expect(got).toBeNaN();
      else if (!Number.isFinite(expected)) expect(got).toBe(expected);
      else expect(Math.abs(got - expected)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(expected));
    });
  });
});

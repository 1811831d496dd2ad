/**
 * Dates → year, month, day of the month, day of week (Monday = 0), in UTC, from milliseconds since 1970 as
 * JavaScript's Date reads them: the time is truncated to a whole millisecond, and beyond ±8.64e15 ms (the
 * Date range) every part is empty. ONNX has no calendar, so the civil date is computed from the day number with
 * Howard Hinnant's `civil_from_days` (exact integer arithmetic, here in doubles with Floor, exact far beyond
 * any real date: every intermediate value is a whole number below 2^53).
 */
import { datePartName } from '../../../../engine/prep/steps/date-parts.ts';
import type { DatePart } from '../../../../engine/prep/steps/params.ts';
import type { GraphBuilder } from '../graph-builder.ts';
import { add, cast, div, floor, greater, less, mul, sub, where } from '../ops.ts';
import type { StepEmitter } from './context.ts';

const DAY_MS = 86_400_000;
const MAX_DATE_MS = 8.64e15;

/** ⌊a / b⌋ for whole numbers a and b > 0 small enough that the quotient's rounding cannot cross an integer. */
function floorDiv(g: GraphBuilder, a: string, b: number): string {
  return floor(g, div(g, a, g.double(b)));
}

/** Whole days since 1970-01-01 (UTC), NaN for an empty or out-of-range date. */
function dayNumber(g: GraphBuilder, ms: string, hint: string): string {
  const abs = g.op('Abs', [ms]);
  const inRange = where(g, greater(g, abs, g.double(MAX_DATE_MS)), g.double(NaN), ms);
  const time = mul(g, g.op('Sign', [inRange]), floor(g, g.op('Abs', [inRange])));
  // ⌊t / DAY_MS⌋ from the rounded quotient, corrected by the remainder (exact: both products are below 2^53).
  const days = floorDiv(g, time, DAY_MS);
  const rest = sub(g, time, mul(g, days, g.double(DAY_MS)));
  const low = where(g, less(g, rest, g.double(0)), sub(g, days, g.double(1)), days);
  return where(g, g.op('GreaterOrEqual', [rest, g.double(DAY_MS)]), add(g, days, g.double(1)), low, hint);
}

/** civil_from_days: https://howardhinnant.github.io/date_algorithms.html#civil_from_days */
function civil(g: GraphBuilder, days: string): { year: string; month: string; day: string } {
  const c = (n: number): string => g.double(n);
  const z = add(g, days, c(719_468));
  const era = floorDiv(g, z, 146_097);
  const doe = sub(g, z, mul(g, era, c(146_097)));
  const yoe = floorDiv(g, sub(g, add(g, sub(g, doe, floorDiv(g, doe, 1460)), floorDiv(g, doe, 36_524)), floorDiv(g, doe, 146_096)), 365);
  const doy = sub(g, doe, sub(g, add(g, mul(g, c(365), yoe), floorDiv(g, yoe, 4)), floorDiv(g, yoe, 100)));
  const mp = floorDiv(g, add(g, mul(g, c(5), doy), c(2)), 153);
  const day = add(g, sub(g, doy, floorDiv(g, add(g, mul(g, c(153), mp), c(2)), 5)), c(1));
  const month = where(g, less(g, mp, c(10)), add(g, mp, c(3)), sub(g, mp, c(9)));
  const year = add(g, add(g, yoe, mul(g, era, c(400))), cast(g, g.op('LessOrEqual', [month, c(2)]), 'double'));
  return { year, month, day };
}

export const dateParts: StepEmitter<'date-parts'> = ({ g, columns }, s) => {
  const days = dayNumber(g, columns.number(s.column).tensor, `${s.column}/days`);
  const date = s.parts.some((p) => p !== 'day-of-week') ? civil(g, days) : null;
  const partValue = (part: DatePart): string => {
    if (part === 'day-of-week') {
      // 1970-01-01 was a Thursday, day 3 when Monday is 0.
      const shifted = add(g, days, g.double(3));
      return sub(g, shifted, mul(g, floorDiv(g, shifted, 7), g.double(7)));
    }
    return date![part];
  };
  columns.replace(
    s.column,
    s.parts.map((part) => {
      const name = datePartName(s.column, part);
      return { name, value: { kind: 'number' as const, tensor: g.op('Identity', [partValue(part)], {}, { hint: name }), fromFloat: false } };
    }),
  );
};

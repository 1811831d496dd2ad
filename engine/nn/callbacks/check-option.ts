import { UserFacingError } from '../../errors.ts';

/** Throws a UserFacingError naming the callback, the option and what it accepts unless `ok`. */
export function checkOption(ok: boolean, who: string, key: string, expected: string, value: unknown): void {
  if (!ok) throw new UserFacingError('invalid-training-options', `${who}: ${key} must be ${expected}, got ${JSON.stringify(value)}.`);
}

export const isWholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
export const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

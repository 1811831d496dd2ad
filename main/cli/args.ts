import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserFacingError } from '../../engine/errors.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with user-facing messages: an unknown flag or a missing value is a usage error, not a crash. */
export function parseCommandArgs<O extends Options>(args: readonly string[], options: O, usage: string) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const reason = (error as Error).message.replace(/\.?\s*To specify a positional.*$/s, '');
    throw new UserFacingError('usage', `${reason}.\n${usage}`);
  }
}

export function numberOption(value: string | undefined, flag: string, fallback: number, check: (n: number) => boolean, expected: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || !check(n)) {
    throw new UserFacingError('usage', `--${flag} must be ${expected}, got "${value}".`);
  }
  return n;
}

export function listOption(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

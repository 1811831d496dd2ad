import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserFacingError } from '../../engine/errors.ts';
import { TASKS, type Task } from '../../engine/prep/types.ts';
import { TYPE_LABELS } from '../../engine/table/messages.ts';
import type { ColumnType } from '../../engine/table/table.ts';

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

/** The options of the commands that learn from a table (train, search): which file, what to predict, how to split, where to save. */
export const LEARNING_OPTIONS = {
  target: { type: 'string' },
  drop: { type: 'string' },
  task: { type: 'string' },
  'test-size': { type: 'string' },
  folds: { type: 'string' },
  seed: { type: 'string' },
  sheet: { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
} as const;

/** What a command that learns from a table needs first: exactly one data file, the --target column, and a known --task if one is given. */
export function fileAndTarget(positionals: readonly string[], values: { readonly target?: string; readonly task?: string }, usage: string): { file: string; target: string; task: Task | undefined } {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UserFacingError('usage', `give exactly one data file.\n${usage}`);
  if (!values.target) throw new UserFacingError('usage', `--target is required: name the column to predict.\n${usage}`);
  const task = values.task as Task | undefined;
  if (task !== undefined && !TASKS.includes(task)) throw new UserFacingError('usage', `--task must be binary, multiclass or regression, got "${task}".`);
  return { file, target: values.target, task };
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

/** `--type col=categorical,b=text`: the column types to load with. */
export function typesOption(value: string | undefined): Record<string, ColumnType> {
  // Built with fromEntries: a column named "__proto__" or "constructor" is a key like any other.
  return Object.fromEntries(
    listOption(value).map((pair) => {
      const at = pair.lastIndexOf('=');
      const type = pair.slice(at + 1).trim() as ColumnType;
      if (at <= 0 || !Object.hasOwn(TYPE_LABELS, type)) {
        throw new UserFacingError('usage', `--type takes column=type pairs with a type among ${Object.keys(TYPE_LABELS).join(', ')}; got "${pair}".`);
      }
      return [pair.slice(0, at).trim(), type];
    }),
  );
}

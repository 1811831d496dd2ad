/**
 * The one entry point from user settings (the training form, a project file, the CLI) to an optimizer:
 * `createOptimizer({ kind: 'adam', learningRate: 0.01 })`. Absent settings take Keras' defaults; anything out
 * of range, unknown or contradictory is a UserFacingError naming the setting and the accepted values.
 */
import { UserFacingError } from '../../errors.ts';
import type { Optimizer } from '../types.ts';
import { Adagrad, type AdagradSettings } from './adagrad.ts';
import { Adam, type AdamSettings } from './adam.ts';
import { AdamW } from './adamw.ts';
import { Rmsprop, type RmspropSettings } from './rmsprop.ts';
import { Sgd, type SgdSettings } from './sgd.ts';

export type OptimizerSettings =
  | ({ readonly kind: 'adam' } & AdamSettings)
  | ({ readonly kind: 'adamw' } & AdamSettings)
  | ({ readonly kind: 'sgd' } & SgdSettings)
  | ({ readonly kind: 'rmsprop' } & RmspropSettings)
  | ({ readonly kind: 'adagrad' } & AdagradSettings);

export type OptimizerKind = OptimizerSettings['kind'];

interface Check {
  readonly ok: (value: unknown) => boolean;
  readonly expected: string;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const positive: Check = { ok: (v) => isNumber(v) && v > 0, expected: 'a number greater than 0' };
const nonNegative: Check = { ok: (v) => isNumber(v) && v >= 0, expected: 'a number ≥ 0' };
const fraction: Check = { ok: (v) => isNumber(v) && v >= 0 && v < 1, expected: 'a number from 0 up to (not including) 1' };
const closedFraction: Check = { ok: (v) => isNumber(v) && v >= 0 && v <= 1, expected: 'a number from 0 to 1' };
const flag: Check = { ok: (v) => typeof v === 'boolean', expected: 'true or false' };

const COMMON: Record<string, Check> = {
  learningRate: { ok: positive.ok, expected: 'a number greater than 0 (typically 0.0001 to 0.1)' },
  weightDecay: nonNegative,
  clipnorm: positive,
  globalClipnorm: positive,
  clipvalue: positive,
};

const SETTINGS: Record<OptimizerKind, Record<string, Check>> = {
  adam: { ...COMMON, beta1: fraction, beta2: fraction, epsilon: positive, amsgrad: flag },
  adamw: { ...COMMON, beta1: fraction, beta2: fraction, epsilon: positive, amsgrad: flag },
  sgd: { ...COMMON, momentum: closedFraction, nesterov: flag },
  rmsprop: { ...COMMON, rho: fraction, momentum: fraction, epsilon: positive, centered: flag },
  adagrad: { ...COMMON, initialAccumulatorValue: nonNegative, epsilon: positive },
};

export const OPTIMIZER_KINDS = Object.keys(SETTINGS) as readonly OptimizerKind[];

function invalid(message: string): never {
  throw new UserFacingError('invalid-optimizer', message);
}

export function validateOptimizerSettings(settings: OptimizerSettings): void {
  const kind = (settings as { kind?: unknown }).kind;
  if (typeof kind !== 'string' || !Object.hasOwn(SETTINGS, kind)) {
    invalid(`Unknown optimizer ${JSON.stringify(kind)}. Choose one of: ${OPTIMIZER_KINDS.join(', ')}.`);
  }
  const checks = SETTINGS[kind as OptimizerKind];
  for (const [key, value] of Object.entries(settings)) {
    if (key === 'kind' || value === undefined) continue;
    const check = checks[key];
    if (!check) invalid(`The ${kind} optimizer has no setting "${key}". Its settings are: ${Object.keys(checks).join(', ')}.`);
    if (!check.ok(value)) invalid(`Optimizer ${kind}: ${key} must be ${check.expected}, got ${JSON.stringify(value)}.`);
  }
  const clips = ['clipnorm', 'globalClipnorm', 'clipvalue'].filter((key) => (settings as unknown as Record<string, unknown>)[key] !== undefined);
  if (clips.length > 1) invalid(`Optimizer ${kind}: set only one of clipnorm, globalClipnorm and clipvalue (got ${clips.join(' and ')}).`);
}

export function createOptimizer(settings: OptimizerSettings): Optimizer {
  validateOptimizerSettings(settings);
  switch (settings.kind) {
    case 'adam':
      return new Adam(settings);
    case 'adamw':
      return new AdamW(settings);
    case 'sgd':
      return new Sgd(settings);
    case 'rmsprop':
      return new Rmsprop(settings);
    case 'adagrad':
      return new Adagrad(settings);
  }
}

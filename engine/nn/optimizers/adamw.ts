/**
 * AdamW (Loshchilov & Hutter): Adam plus decoupled weight decay, which the shared update rule applies before
 * each step as Keras does (`w ← w − w·weightDecay·lr`, biases included). Only the default differs from Adam.
 */
import { Adam, ADAM_DEFAULTS, type AdamSettings } from './adam.ts';

export const ADAMW_DEFAULTS = { ...ADAM_DEFAULTS, weightDecay: 0.004 } as const;

export class AdamW extends Adam {
  override readonly kind: string = 'adamw';

  constructor(settings: AdamSettings = {}) {
    super({ ...settings, weightDecay: settings.weightDecay ?? ADAMW_DEFAULTS.weightDecay });
  }
}

/** The Train step's L1/L2 and class-weight settings as the run receives them. */
import { describe, expect, it } from 'vitest';
import { networkDesign } from '../../../../main/api/calls/training-calls.ts';
import { defaultTrainForm, toTrainingSettings, withPenalties } from '../../../../renderer/src/lib/training/settings.ts';

describe('penalties and class weights in the Train step', () => {
  it('puts the L1/L2 penalties on every hidden Dense layer, none when 0, and the contract accepts them', () => {
    const design = { hidden: [{ type: 'dense', units: 8, activation: 'relu', l2: 0.5 }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 4 }] } as const;
    const penalized = withPenalties(design, { l1: 1e-5, l2: 1e-3 });
    expect(penalized.hidden).toEqual([{ type: 'dense', units: 8, activation: 'relu', l1: 1e-5, l2: 1e-3 }, { type: 'dropout', rate: 0.2 }, { type: 'dense', units: 4, l1: 1e-5, l2: 1e-3 }]);
    expect(withPenalties(design, { l1: 0, l2: 0 }).hidden[0]).toEqual({ type: 'dense', units: 8, activation: 'relu' });
    expect(networkDesign.parse(JSON.parse(JSON.stringify(penalized)))).toEqual(penalized);
    expect(() => networkDesign.parse({ hidden: [{ type: 'dense', units: 8, l2: -1 }] })).toThrow();
  });

  it('balances the classes only for classification, and starts with no penalty and no weights', () => {
    const form = { ...defaultTrainForm(), classWeight: 'balanced' as const };
    expect(toTrainingSettings(form, 'multiclass').classWeight).toBe('balanced');
    expect(toTrainingSettings(form, 'regression').classWeight).toBe('none');
    expect(defaultTrainForm()).toMatchObject({ classWeight: 'none', l1: 0, l2: 0 });
  });
});

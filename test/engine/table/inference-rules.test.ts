import { describe, expect, it } from 'vitest';
import { codeNameEnding, identifierWord, straysAreTolerable } from '../../../engine/table/inference-rules.ts';
import { booleanPair } from '../../../engine/table/boolean-text.ts';

describe('identifierWord', () => {
  it('finds the identifier word in the naming styles of real datasets', () => {
    expect(identifierWord('CustomerId')).toBe('Id');
    expect(identifierWord('PassengerId')).toBe('Id');
    expect(identifierWord('encounter_id')).toBe('id');
    expect(identifierWord('patient_nbr')).toBe('nbr');
    expect(identifierWord('RowNumber')).toBe('Number');
    expect(identifierWord('admission_type_id')).toBe('id');
  });

  it('does not take counts for identifiers', () => {
    for (const name of ['num_lab_procedures', 'number_inpatient', 'NumOfProducts', 'Idle', 'Age', 'idea_score']) expect(identifierWord(name), name).toBeNull();
  });
});

describe('straysAreTolerable', () => {
  it('allows up to 3 different stray texts covering up to 5% of the cells', () => {
    expect(straysAreTolerable(3, 50, 1000)).toBe(true);
    expect(straysAreTolerable(4, 4, 1000)).toBe(false);
    expect(straysAreTolerable(1, 51, 1000)).toBe(false);
  });
});

describe('booleanPair', () => {
  it('orders known pairs false first, whatever their case and order', () => {
    expect(booleanPair(['TRUE', 'FALSE'])).toEqual(['FALSE', 'TRUE']);
    expect(booleanPair(['Yes', 'No'])).toEqual(['No', 'Yes']);
    expect(booleanPair(['y', 'n'])).toEqual(['n', 'y']);
    expect(booleanPair(['1', '0'])).toEqual(['0', '1']);
  });

  it('says nothing about other pairs or counts', () => {
    expect(booleanPair(['male', 'female'])).toBeNull();
    expect(booleanPair(['No', 'Ch'])).toBeNull();
    expect(booleanPair(['Yes'])).toBeNull();
    expect(booleanPair(['Yes', 'No', 'Maybe'])).toBeNull();
  });
});

describe('codeNameEnding', () => {
  it('finds names of group codes', () => {
    expect(codeNameEnding('Pclass')).toBe('class');
    expect(codeNameEnding('admission_type_id')).toBe('type');
    expect(codeNameEnding('customer-status')).toBe('status');
  });

  it('leaves quantities alone', () => {
    for (const name of ['SibSp', 'NumOfProducts', 'quality', 'number_diagnoses', 'discharge_disposition_id', 'classes_taken']) expect(codeNameEnding(name), name).toBeNull();
  });
});

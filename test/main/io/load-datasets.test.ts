import { describe, expect, it } from 'vitest';
import { loadTable } from '../../../main/io/load-table.ts';
import { column, dataset, levelsOf, missingCount, typesOf } from './datasets.ts';

describe('loadTable on the shared datasets (the README table is the expected result)', () => {
  it('Churn_Modelling.csv: 10000 × 14, CRLF, ID-like columns, 3 geographies, 0/1 booleans', async () => {
    const { table, source, warnings } = await loadTable(dataset('Churn_Modelling.csv'));
    expect([table.rowCount, table.columns.length]).toEqual([10_000, 14]);
    expect(source).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', decimalComma: false, bytes: 684_860 });
    expect(source.sha256).toBe('d67867b8dc6582c3caf24cbcd435c568decca160148585b506fa1b061d84ad04');
    expect(typesOf(table)).toMatchObject({
      RowNumber: 'id',
      CustomerId: 'id',
      Surname: 'text',
      Geography: 'categorical',
      Gender: 'categorical',
      HasCrCard: 'boolean',
      IsActiveMember: 'boolean',
      Exited: 'boolean',
      Balance: 'numeric',
      Age: 'integer',
    });
    expect(levelsOf(column(table, 'Geography'))).toEqual(['France', 'Germany', 'Spain']);
    expect(levelsOf(column(table, 'Gender'))).toEqual(['Female', 'Male']);
    expect(table.columns.map(missingCount)).toEqual(new Array(14).fill(0));
    expect(warnings).toEqual([]);
  });

  it('titanic.csv: 891 × 12, quoted names with commas, Age missing 177, Cabin 687, Embarked 2', async () => {
    const { table } = await loadTable(dataset('titanic.csv'));
    expect([table.rowCount, table.columns.length]).toEqual([891, 12]);
    expect(typesOf(table)).toEqual({
      PassengerId: 'id',
      Survived: 'boolean',
      Pclass: 'categorical',
      Name: 'text',
      Sex: 'categorical',
      Age: 'numeric',
      SibSp: 'integer',
      Parch: 'integer',
      Ticket: 'text',
      Fare: 'numeric',
      Cabin: 'text',
      Embarked: 'categorical',
    });
    expect(['Age', 'Cabin', 'Embarked'].map((name) => missingCount(column(table, name)))).toEqual([177, 687, 2]);
    expect(levelsOf(column(table, 'Name'))[1]).toBe('Cumings, Mrs. John Bradley (Florence Briggs Thayer)');
    expect(levelsOf(column(table, 'Name'))).toContain('Johnston, Miss. Catherine Helen "Carrie"');
  });

  it('iris.csv: 150 × 5, four measurements and three species', async () => {
    const { table } = await loadTable(dataset('iris.csv'));
    expect(typesOf(table)).toEqual({ sepal_length: 'numeric', sepal_width: 'numeric', petal_length: 'numeric', petal_width: 'numeric', species: 'categorical' });
    expect(levelsOf(column(table, 'species'))).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(table.rowCount).toBe(150);
  });

  it('housing.csv: 20640 × 10, total_bedrooms missing 207, ocean_proximity 5 values', async () => {
    const { table } = await loadTable(dataset('housing.csv'));
    expect([table.rowCount, table.columns.length]).toEqual([20_640, 10]);
    expect(missingCount(column(table, 'total_bedrooms'))).toBe(207);
    expect(levelsOf(column(table, 'ocean_proximity'))).toEqual(['<1H OCEAN', 'INLAND', 'ISLAND', 'NEAR BAY', 'NEAR OCEAN']);
    expect(typesOf(table)).toMatchObject({ median_income: 'numeric', median_house_value: 'integer', ocean_proximity: 'categorical' });
  });

  it('diabetes.csv: 768 × 9, all numbers; zeros become missing where asked', async () => {
    const { table } = await loadTable(dataset('diabetes.csv'));
    expect(table.columns.every((c) => c.storage === 'number')).toBe(true);
    expect(column(table, 'Outcome').type).toBe('boolean');
    const asked = ['Glucose', 'BloodPressure', 'SkinThickness', 'Insulin', 'BMI'];
    const cleaned = await loadTable(dataset('diabetes.csv'), { zeroMeansMissing: asked });
    expect(asked.map((name) => missingCount(column(cleaned.table, name)))).toEqual([5, 35, 227, 374, 11]);
    expect(column(cleaned.table, 'Insulin').reason).toContain('374 zeros read as missing, as you asked');
  });

  it('adult.csv: 32561 × 15, leading spaces trimmed, ? missing, 9 text columns', async () => {
    const { table, warnings } = await loadTable(dataset('adult.csv'));
    expect([table.rowCount, table.columns.length]).toEqual([32_561, 15]);
    expect(['workclass', 'occupation', 'native-country'].map((name) => missingCount(column(table, name)))).toEqual([1836, 1843, 583]);
    expect(levelsOf(column(table, 'income'))).toEqual(['<=50K', '>50K']);
    expect(levelsOf(column(table, 'workclass'))).toContain('State-gov');
    expect(table.columns.filter((c) => c.storage === 'category').map((c) => c.name)).toEqual([
      'workclass', 'education', 'marital-status', 'occupation', 'relationship', 'race', 'sex', 'native-country', 'income',
    ]);
    expect(column(table, 'age').type).toBe('integer');
    expect(warnings).toEqual([]);
  });

  it('diabetes130_readmission.csv: 101766 × 50, ? missing, None a category, 3 readmission classes', async () => {
    const { table, warnings } = await loadTable(dataset('diabetes130_readmission.csv'));
    expect([table.rowCount, table.columns.length]).toEqual([101_766, 50]);
    const missing = ['weight', 'medical_specialty', 'payer_code', 'race', 'diag_3', 'diag_2', 'diag_1'].map((name) => missingCount(column(table, name)));
    expect(missing).toEqual([98_569, 49_949, 40_256, 2_273, 1_423, 358, 21]);
    expect(levelsOf(column(table, 'readmitted'))).toEqual(['<30', '>30', 'NO']);
    expect(levelsOf(column(table, 'max_glu_serum'))).toContain('None');
    expect(levelsOf(column(table, 'gender'))).toEqual(['Female', 'Male', 'Unknown/Invalid']);
    expect(levelsOf(column(table, 'age'))).toHaveLength(10);
    expect(levelsOf(column(table, 'diag_1'))).toEqual(expect.arrayContaining(['250.83', 'V57']));
    expect(typesOf(table)).toMatchObject({ encounter_id: 'id', patient_nbr: 'id', diag_1: 'categorical', diabetesMed: 'boolean', num_lab_procedures: 'integer' });
    // 37 text columns as pandas reads them, plus admission_type_id whose name marks its numbers as codes.
    expect(table.columns.filter((c) => c.storage === 'category')).toHaveLength(38);
    expect(warnings).toEqual([
      'Column "examide" holds the same value (No) in every row; it cannot help a model. Drop it in the cleaning step.',
      'Column "citoglipton" holds the same value (No) in every row; it cannot help a model. Drop it in the cleaning step.',
    ]);
  });

  it('winequality-red.csv: 1599 × 12, semicolons and a quoted header, all numbers', async () => {
    const { table, source } = await loadTable(dataset('winequality-red.csv'));
    expect(source.delimiter).toBe(';');
    expect(table.columns[0]!.name).toBe('fixed acidity');
    expect([table.rowCount, table.columns.length]).toEqual([1599, 12]);
    expect(table.columns.every((c) => c.storage === 'number')).toBe(true);
    expect(column(table, 'quality').type).toBe('integer');
  });

  it('international_football_results.csv: 49520 × 9, ISO dates, TRUE/FALSE, non-ASCII cities', async () => {
    const { table } = await loadTable(dataset('international_football_results.csv'));
    expect([table.rowCount, table.columns.length]).toEqual([49_520, 9]);
    expect(typesOf(table)).toEqual({
      date: 'datetime',
      home_team: 'categorical',
      away_team: 'categorical',
      home_score: 'integer',
      away_score: 'integer',
      tournament: 'categorical',
      city: 'categorical',
      country: 'categorical',
      neutral: 'boolean',
    });
    const neutral = column(table, 'neutral');
    expect(levelsOf(neutral)).toEqual(['FALSE', 'TRUE']);
    const codes = neutral.storage === 'category' ? Array.from(neutral.codes) : [];
    expect(codes.filter((c) => c === 1)).toHaveLength(13_156);
    expect(levelsOf(column(table, 'city'))).toEqual(expect.arrayContaining(['Zürich', 'Viña del Mar']));
    const date = column(table, 'date');
    expect(date.storage === 'number' && date.values[0]).toBe(Date.UTC(1872, 10, 30));
  });

  it('diabetes130_IDs_mapping.csv: three stacked lookup tables get a message naming where each starts', async () => {
    await expect(loadTable(dataset('diabetes130_IDs_mapping.csv'))).rejects.toMatchObject({
      code: 'multiple-tables',
      message: expect.stringContaining('holds 3 tables one below the other, each after an empty row with its own header (line 1, line 11, line 43)'),
    });
  });
});

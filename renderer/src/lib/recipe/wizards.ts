/** The Clean step's wizards, in tab order, and which one edits each step kind (the recipe list's Edit buttons). */
import type { StepKind } from '../../../../engine/prep/index.ts';

export const WIZARDS = [
  { id: 'target', label: 'Target & split' },
  { id: 'columns', label: 'Columns' },
  { id: 'duplicates', label: 'Duplicates' },
  { id: 'filters', label: 'Row filters' },
  { id: 'missing', label: 'Missing values' },
  { id: 'outliers', label: 'Outliers' },
  { id: 'invalid', label: 'Invalid values' },
  { id: 'categories', label: 'Categories' },
  { id: 'dates', label: 'Dates' },
  { id: 'log', label: 'Log transform' },
  { id: 'scaling', label: 'Scaling' },
] as const;

export type WizardId = (typeof WIZARDS)[number]['id'];

export const WIZARD_OF_KIND: Readonly<Record<StepKind, WizardId>> = {
  'drop-columns': 'columns',
  'drop-duplicates': 'duplicates',
  'filter-rows': 'filters',
  impute: 'missing',
  outliers: 'outliers',
  'invalid-values': 'invalid',
  encode: 'categories',
  scale: 'scaling',
  'log-transform': 'log',
  'date-parts': 'dates',
  'piecewise-linear': 'scaling',
};

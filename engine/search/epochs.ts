/**
 * How many epochs a full-budget trial may take: enough gradient steps for the table (about 30,000), between
 * 30 epochs (a large table's epoch is long, and early stopping ends most runs well before) and 400 (a table
 * of 150 rows has a handful of batches per epoch).
 */
const TARGET_STEPS = 30_000;
export const MIN_EPOCHS = 30;
export const MAX_EPOCHS = 400;

export function epochBudget(trainRows: number, batchSize: number): number {
  const steps = Math.max(1, Math.ceil(trainRows / batchSize));
  return Math.min(MAX_EPOCHS, Math.max(MIN_EPOCHS, Math.round(TARGET_STEPS / steps)));
}

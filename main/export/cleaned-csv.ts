/**
 * The cleaned dataset as CSV: one column per feature, named as in the model (`Geography=France`, `Age`), then
 * the target as the network learns it when the rows have one. Values are the float32 numbers the network
 * reads, each written in the shortest form that reads back to the same float32 (0.3, not 0.30000001192092896).
 */
import type { CleanedData } from '../../engine/model/cleaned-data.ts';
import { writeFileAtomic } from '../project/atomic-write.ts';
import { csvLine } from './csv-text.ts';

/** The shortest decimal text that parses back to the float32 `value`. */
export function float32Text(value: number): string {
  if (Number.isNaN(value)) return '';
  if (Number.isInteger(value) && Math.abs(value) < 2 ** 24) return String(value);
  for (let digits = 6; digits < 9; digits++) {
    const text = String(Number(value.toPrecision(digits)));
    if (Math.fround(Number(text)) === value) return text;
  }
  return String(Number(value.toPrecision(9)));
}

export function* cleanedCsvLines(data: CleanedData): Generator<string> {
  const width = data.features.length;
  yield csvLine([...data.features, ...(data.target ? [data.target.name] : [])]);
  for (let i = 0; i < data.rows; i++) {
    const cells = Array.from(data.x.subarray(i * width, (i + 1) * width), float32Text);
    if (data.target) cells.push(float32Text(data.target.y[i]!));
    // Joined directly: through csvCell, the text of a negative number would be neutralised like a formula.
    yield `${cells.join(',')}\r\n`;
  }
}

export async function saveCleanedCsv(path: string, data: CleanedData): Promise<void> {
  await writeFileAtomic(path, cleanedCsvLines(data));
}

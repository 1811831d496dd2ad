/**
 * A large table for the tests that watch main's event loop: `rows` rows × 50 columns of the kinds real exports
 * hold (an id, measurements with gaps, counts, skewed amounts, categories with a "?" marker, Yes/No flags,
 * dates, a code column, a binary target last), written as a plain CSV, the same for the same seed. A million
 * rows make about 260 MB.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export const WIDE_COLUMNS = 50;

const GROUPS = ['Caucasian', 'AfricanAmerican', 'Hispanic', 'Asian', 'Other', '?'];
const CHANGES = ['No', 'Steady', 'Up', 'Down'];
const ADMISSIONS = ['Emergency', 'Urgent', 'Elective', 'Newborn', 'Trauma', 'NA'];
const SPECIALTIES = Array.from({ length: 12 }, (_, i) => `Specialty-${String.fromCharCode(65 + i)}`);

export function wideHeader(): string[] {
  const names = ['encounter_id'];
  for (let i = 0; i < 19; i++) names.push(`measure_${i + 1}`);
  for (let i = 0; i < 8; i++) names.push(`count_${i + 1}`);
  for (let i = 0; i < 3; i++) names.push(`amount_${i + 1}`);
  names.push('group', 'admission', 'specialty');
  for (let i = 0; i < 8; i++) names.push(`med_${i + 1}`);
  for (let i = 0; i < 3; i++) names.push(`flag_${i + 1}`);
  names.push('admitted_on', 'discharged_on', 'diagnosis', 'age_band', 'readmitted');
  return names;
}

/** Writes the table to `path`; resolves once the file is complete. */
export async function writeWideTable(path: string, rows: number, seed = 7): Promise<void> {
  let state = seed >>> 0;
  const next = (n: number) => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) >>> 8) % n;
  const out = createWriteStream(path);
  out.write(`${wideHeader().join(',')}\n`);
  const cells: string[] = [];
  let chunk = '';
  for (let row = 0; row < rows; row++) {
    cells.length = 0;
    cells.push(String(100_000 + row * 3));
    const risk = next(1000);
    for (let i = 0; i < 19; i++) cells.push(next(50) === 0 ? '' : `${(next(20_000) / 100 - 40 + i).toFixed(2)}`);
    for (let i = 0; i < 8; i++) cells.push(String(next(3 + i * 2)));
    for (let i = 0; i < 3; i++) cells.push(next(40) === 0 ? '' : String(Math.round(Math.exp(next(1200) / 100)) / 10));
    cells.push(GROUPS[next(GROUPS.length)]!, ADMISSIONS[next(ADMISSIONS.length)]!, SPECIALTIES[next(SPECIALTIES.length)]!);
    for (let i = 0; i < 8; i++) cells.push(CHANGES[next(i < 4 ? 4 : 2)]!);
    for (let i = 0; i < 3; i++) cells.push(next(3) === 0 ? 'Yes' : 'No');
    const month = 1 + next(12);
    const day = 1 + next(28);
    cells.push(`2023-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`, `2024-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`);
    cells.push(`V${next(70)}.${next(10)}`, `[${next(10) * 10}-${next(10) * 10 + 10})`);
    cells.push(risk < 380 + (next(3) === 0 ? 200 : 0) ? 'Yes' : 'No');
    chunk += `${cells.join(',')}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/**
 * What is unusual about the rows of a file, as they stream past: blank rows, a header repeated inside the
 * data, several tables stacked one below another, rows with the wrong number of fields. The table builder asks
 * it about every row that is not plainly ordinary, and it turns what it saw into warnings or an error.
 */
import { errors, warnings } from './messages.ts';
import { isBlank, trimCell } from './missing.ts';

const LISTED_POSITIONS = 1000;

export class RowShape {
  /** The previous row was blank: a header-like row now starts another table. */
  afterBlank = false;
  raggedCount = 0;
  private readonly header: readonly string[];
  private readonly headerLine: number;
  private readonly position: (line: number) => string;
  private readonly blankLines: number[] = [];
  private readonly pendingBlankLines: number[] = [];
  private readonly repeatedHeaderLines: number[] = [];
  private readonly blockStarts: number[] = [];
  private readonly raggedLines: string[] = [];
  private trailingEmpty = 0;

  /** `header` is trimmed; `position` names a line in messages (`line 57`, `row 58`). */
  constructor(header: readonly string[], headerLine: number, position: (line: number) => string) {
    this.header = header;
    this.headerLine = headerLine;
    this.position = position;
  }

  /**
   * Whether a row that is not plainly ordinary holds data to store: false for blank rows, repeated headers,
   * the header of a stacked table and ragged rows, each of which is recorded.
   */
  isData(fields: readonly string[], line: number): boolean {
    if (fields.every(isBlank)) {
      // Reported only once data follows: blank lines at the end of a file are normal.
      if (this.pendingBlankLines.length < LISTED_POSITIONS) this.pendingBlankLines.push(line);
      this.afterBlank = true;
      return false;
    }
    if (this.repeatsHeader(fields)) {
      if (this.afterBlank) this.blockStarts.push(line);
      else if (this.repeatedHeaderLines.length < LISTED_POSITIONS) this.repeatedHeaderLines.push(line);
      this.afterBlank = false;
      return false;
    }
    this.afterBlank = false;
    this.blankLines.push(...this.pendingBlankLines.splice(0, LISTED_POSITIONS - this.blankLines.length));
    this.pendingBlankLines.length = 0;
    if (fields.length !== this.header.length && !this.onlyEmptyExtras(fields)) {
      this.raggedCount++;
      if (this.raggedLines.length < LISTED_POSITIONS) this.raggedLines.push(`${this.position(line)} has ${fields.length}`);
      return false;
    }
    return true;
  }

  /** Throws when the rows make the file no single table (stacked tables; ragged rows unless skipped). */
  check(source: string, skipRaggedRows: boolean): void {
    if (this.blockStarts.length > 0) {
      throw errors.multipleTables(source, [this.headerLine, ...this.blockStarts].map((line) => this.position(line)));
    }
    if (this.raggedCount > 0 && !skipRaggedRows) throw errors.ragged(source, this.header.length, this.raggedCount, this.raggedLines);
  }

  warnings(): string[] {
    const out: string[] = [];
    const positions = (lines: readonly number[]) => lines.map((line) => this.position(line));
    if (this.blankLines.length > 0) out.push(warnings.blankRows(this.blankLines.length, positions(this.blankLines)));
    if (this.repeatedHeaderLines.length > 0) out.push(warnings.repeatedHeader(this.repeatedHeaderLines.length, positions(this.repeatedHeaderLines)));
    if (this.trailingEmpty > 0) out.push(warnings.trailingEmptyFields(this.trailingEmpty));
    if (this.raggedCount > 0) out.push(warnings.raggedSkipped(this.raggedCount, this.header.length, this.raggedLines));
    return out;
  }

  /** Extra trailing fields are fine when empty (`a,b,c,` from some exporters). */
  private onlyEmptyExtras(fields: readonly string[]): boolean {
    if (fields.length < this.header.length) return false;
    for (let j = this.header.length; j < fields.length; j++) if (!isBlank(fields[j]!)) return false;
    this.trailingEmpty++;
    return true;
  }

  /** After a blank row, one cell equal to its header name is enough; elsewhere the whole header must repeat. */
  private repeatsHeader(fields: readonly string[]): boolean {
    const matches = (j: number) => fields[j] !== undefined && this.header[j] !== '' && trimCell(fields[j]!) === this.header[j];
    if (this.afterBlank) return this.header.some((_, j) => matches(j));
    return fields.length >= this.header.length && this.header.every((h, j) => h === '' || matches(j));
  }
}

/** Header names made usable: empty ones named `column_N`, repeats suffixed `_2`, `_3`; a note for each. */
export function uniqueNames(header: readonly string[], notes: string[]): string[] {
  const taken = new Set(header.filter((h) => h !== ''));
  const seen = new Set<string>();
  return header.map((original, i) => {
    if (original !== '' && !seen.has(original)) {
      seen.add(original);
      return original;
    }
    const stem = original === '' ? `column_${i + 1}` : original;
    let name = stem;
    for (let k = 2; taken.has(name) || seen.has(name); k++) name = `${stem}_${k}`;
    seen.add(name);
    taken.add(name);
    notes.push(original === '' ? warnings.renamedEmpty(i + 1, name) : warnings.renamedDuplicate(i + 1, original, name));
    return name;
  });
}

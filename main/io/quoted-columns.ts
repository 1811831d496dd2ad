/**
 * Which columns a text file writes in double quotes in every row of its first rows. R's `write.csv` and many
 * exporters quote text and leave numbers bare, so `"0","1","2"` in a column typed as numbers says the writer
 * meant codes (categories), not amounts. The Data step suggests such columns as categories, with that reason.
 */

/** Indexes of the columns whose every non-empty field among the first `maxRows` data rows of `sample` is quoted. */
export function quotedColumnIndexes(sample: string, delimiter: string, maxRows = 500): number[] {
  const quoted: number[] = [];
  const present: number[] = [];
  let row = 0;
  let field = 0;
  let atStart = true;
  let inQuotes = false;
  let wasQuoted = false;
  let empty = true;
  const endField = () => {
    if (row > 0 && (wasQuoted || !empty)) {
      present[field] = (present[field] ?? 0) + 1;
      if (wasQuoted) quoted[field] = (quoted[field] ?? 0) + 1;
    }
    field++;
    atStart = true;
    wasQuoted = false;
    empty = true;
  };
  for (let i = 0; i < sample.length && row <= maxRows; i++) {
    const c = sample[i]!;
    if (inQuotes) {
      if (c === '"') {
        if (sample[i + 1] === '"') i++;
        else inQuotes = false;
      }
      continue;
    }
    if (atStart) {
      atStart = false;
      if (c === '"') {
        inQuotes = true;
        wasQuoted = true;
        continue;
      }
    }
    if (c === delimiter) {
      endField();
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && sample[i + 1] === '\n') i++;
      endField();
      row++;
      field = 0;
    } else {
      empty = false;
    }
  }
  const columns: number[] = [];
  for (let j = 0; j < present.length; j++) if ((present[j] ?? 0) > 0 && quoted[j] === present[j]) columns.push(j);
  return columns;
}

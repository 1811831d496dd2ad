import { UserFacingError } from '../../../engine/errors.ts';
import { formatDate } from '../../../engine/table/date-text.ts';
import { formatNumber, TYPE_LABELS } from '../../../engine/table/messages.ts';
import { profileTable, type ColumnProfile, type TableProfile } from '../../../engine/table/profile.ts';
import { loadTable, type LoadedTable } from '../../io/load-table.ts';
import { listOption, typesOption } from '../args.ts';
import type { CliCommand } from '../commands.ts';
import { defineCommand } from '../define-command.ts';

const USAGE = `usage: layerlab inspect <file> [options]
  --sheet NAME            sheet of an .xlsx workbook (default: the first)
  --missing "n/a,-999"    more texts that mean "missing" (besides empty, NA, N/A, null, NaN, ?, -)
  --zero-missing a,b      columns in which 0 means "unknown"
  --type col=categorical  set column types (numeric, integer, boolean, categorical, datetime, text, id), comma-separated
  --skip-ragged-rows      leave out rows whose field count differs from the header
  --json                  print one JSON object: { rows, columns: [{ name, type, missing, distinct, ... }], ... }`;

const options = {
  sheet: { type: 'string' },
  missing: { type: 'string' },
  'zero-missing': { type: 'string' },
  type: { type: 'string' },
  'skip-ragged-rows': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const inspectCommand: CliCommand = defineCommand(USAGE, options, async ({ values, positionals }, io) => {
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UserFacingError('usage', `give exactly one data file.\n${USAGE}`);
  const loaded = await loadTable(file, {
    sheet: values.sheet,
    missingMarkers: listOption(values.missing),
    zeroMeansMissing: listOption(values['zero-missing']),
    columnTypes: typesOption(values.type),
    skipRaggedRows: values['skip-ragged-rows'] ?? false,
  });
  const profile = profileTable(loaded.table);
  // Written a slice at a time: a file of 200,000 columns would otherwise make one string of tens of megabytes.
  for (const chunk of values.json ? jsonChunks(jsonReport(loaded, profile)) : textChunks(loaded, profile)) io.stdout.write(chunk);
  return 0;
});

function jsonReport({ source, warnings }: LoadedTable, profile: TableProfile) {
  const { path: _path, ...file } = source;
  return { ...file, rows: profile.rows, columns: profile.columns, duplicateRows: profile.duplicateRows, memoryBytes: profile.memoryBytes, warnings };
}

/** Columns per chunk of output. */
const CHUNK = 1000;

/** Exactly `JSON.stringify(report)` and a line break, the columns a chunk at a time. */
function* jsonChunks(report: ReturnType<typeof jsonReport>): Generator<string> {
  const placeholder = '\u0000columns\u0000';
  const [before, after] = JSON.stringify({ ...report, columns: placeholder }).split(JSON.stringify(placeholder)) as [string, string];
  yield `${before}[`;
  for (let i = 0; i < report.columns.length; i += CHUNK) yield `${i > 0 ? ',' : ''}${JSON.stringify(report.columns.slice(i, i + CHUNK)).slice(1, -1)}`;
  yield `]${after}\n`;
}

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function size(bytes: number): string {
  return bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function describeSource({ source }: LoadedTable): string {
  if (source.format === 'xlsx') return `Excel workbook, sheet "${source.sheet}"${source.sheets.length > 1 ? ` of ${source.sheets.length}` : ''}`;
  const delimiter = DELIMITER_NAMES[source.delimiter ?? ','] ?? JSON.stringify(source.delimiter);
  return `CSV (${source.encoding?.toUpperCase()}, ${delimiter}${source.decimalComma ? ', decimal comma' : ''})`;
}

function value(column: ColumnProfile, v: number | undefined): string {
  if (v === undefined) return '';
  return column.type === 'datetime' ? formatDate(v) : formatNumber(v);
}

const clip = (text: string) => (text.length > 24 ? `${text.slice(0, 23)}…` : text);

function summary(column: ColumnProfile): string {
  if (column.count === 0) return 'all missing';
  if (column.top && (column.type === 'text' || column.type === 'id')) {
    return `e.g. ${column.top.slice(0, 2).map((t) => JSON.stringify(clip(t.value))).join(', ')}, …`;
  }
  if (column.top) {
    const top = column.top.slice(0, 3).map((t) => `${clip(t.value)}: ${t.count}`).join(', ');
    return column.distinct > 3 ? `${top}, …` : top;
  }
  const range = `${value(column, column.min)} … ${value(column, column.max)}`;
  if (column.mean === undefined) return `${range}, median ${value(column, column.median)}`;
  return `${range}, mean ${formatNumber(column.mean)}, median ${formatNumber(column.median!)}`;
}

/** The text report, a slice of lines at a time; each column's table row is made twice (widths, then lines) rather than kept. */
function* textChunks(loaded: LoadedTable, profile: TableProfile): Generator<string> {
  const { source, warnings } = loaded;
  const percent = (n: number) => (n === 0 ? '0' : `${n} (${Math.max(1, Math.round((100 * n) / profile.rows))}%)`);
  const header = ['column', 'type', 'missing', 'distinct', 'values'];
  const cells = (c: ColumnProfile) => [c.name, TYPE_LABELS[c.type], percent(c.missing), String(c.distinct), summary(c)];
  const widths = header.map((h) => h.length);
  for (const column of profile.columns) cells(column).forEach((cell, j) => (widths[j] = Math.max(widths[j]!, cell.length)));
  const rightAligned = new Set([2, 3]);
  const line = (row: readonly string[]) => row.map((cell, j) => (j === row.length - 1 ? cell : rightAligned.has(j) ? cell.padStart(widths[j]!) : cell.padEnd(widths[j]!))).join('  ');
  yield `${source.name} — ${describeSource(loaded)}\n`;
  yield `${profile.rows} rows × ${profile.columns.length} columns, ${profile.duplicateRows} duplicate rows, ${size(profile.memoryBytes)} in memory, sha256 ${source.sha256.slice(0, 12)}…\n\n`;
  yield `${line(header)}\n`;
  for (let i = 0; i < profile.columns.length; i += CHUNK) yield profile.columns.slice(i, i + CHUNK).map((c) => `${line(cells(c))}\n`).join('');
  yield '\nWhy these types:\n';
  for (let i = 0; i < profile.columns.length; i += CHUNK) yield profile.columns.slice(i, i + CHUNK).map((c) => `  ${c.name}: ${c.reason}\n`).join('');
  if (warnings.length > 0) yield `\nWarnings:\n${warnings.map((w) => `  - ${w}\n`).join('')}`;
}

/** Per-step reports in the user's words: "removed 14 rows, imputed 31 cells, learned from 8,000 training rows". */
import { formatCount, plural } from './table-ops.ts';
import type { RecipeStep, RowsBySplit, StepDefinition, StepOutput, StepReport } from './types.ts';

export const NO_ROWS: RowsBySplit = { train: 0, validation: 0, test: 0 };

interface StepFacts {
  readonly rowsBefore: number;
  /** All zero for a step that runs before the split. */
  readonly rowsRemovedBySplit: RowsBySplit;
  readonly learnedFromRows: number;
  readonly columnsBefore: readonly string[];
}

function summarize(parts: readonly (string | false | undefined)[]): string {
  const said = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return said.length > 0 ? said.join(', ') : 'changed nothing';
}

function bySplit({ train, validation, test }: RowsBySplit): string {
  return `${formatCount(train)} training, ${formatCount(validation)} validation, ${formatCount(test)} test`;
}

export function stepReport(step: RecipeStep, definition: StepDefinition<unknown, unknown>, output: StepOutput, facts: StepFacts): StepReport {
  const before = new Set(facts.columnsBefore);
  const after = output.table.columns.map((c) => c.name);
  const afterSet = new Set(after);
  const columnsAdded = after.filter((n) => !before.has(n));
  const columnsRemoved = facts.columnsBefore.filter((n) => !afterSet.has(n));
  const rowsRemoved = facts.rowsBefore - output.table.rowCount;
  const split = facts.rowsRemovedBySplit;
  const splitDetail = split.train + split.validation + split.test > 0 ? ` (${bySplit(split)})` : '';
  return {
    stepId: step.id,
    kind: step.kind,
    summary: summarize([
      rowsRemoved > 0 && `removed ${plural(rowsRemoved, 'row')}${splitDetail}`,
      output.cellsChanged > 0 && (definition.describeCells?.(output.cellsChanged) ?? `changed ${plural(output.cellsChanged, 'cell')}`),
      output.note,
      columnsRemoved.length > 0 && `removed ${plural(columnsRemoved.length, 'column')}`,
      columnsAdded.length > 0 && `added ${plural(columnsAdded.length, 'column')}`,
      facts.learnedFromRows > 0 && `learned from ${plural(facts.learnedFromRows, 'training row')}`,
    ]),
    rowsRemoved,
    rowsRemovedBySplit: split,
    cellsChanged: output.cellsChanged,
    learnedFromRows: facts.learnedFromRows,
    columnsAdded,
    columnsRemoved,
  };
}

/** A report for the two stages that are not steps (dropping rows without a target, the split). */
export function stageReport(kind: 'target' | 'split', summary: string, rowsRemoved = 0, warnings: readonly string[] = []): StepReport {
  return {
    ...(warnings.length > 0 ? { warnings } : {}),
    stepId: kind,
    kind,
    summary,
    rowsRemoved,
    rowsRemovedBySplit: NO_ROWS,
    cellsChanged: 0,
    learnedFromRows: 0,
    columnsAdded: [],
    columnsRemoved: [],
  };
}

/**
 * A worker's warm-up, shortly after the app starts: V8 compiles a hot loop to fast code only after it has run a
 * while, so the first real file would pay for compiling the loader, the profile and the recipe steps. Each part
 * runs them on a small synthetic table (main/io/warm-up.ts) while the user looks at the first screen; the parts
 * are separate calls, so a real call waiting in main goes first.
 */
import { defaultRecipe, prepare, preparePreview } from '../../../../engine/prep/index.ts';
import type { Table } from '../../../../engine/table/table.ts';
import { loadTable } from '../../../io/load-table.ts';
import { warmUpFile } from '../../../io/warm-up.ts';
import { profileOf } from '../../../results/dataset-profile.ts';
import type { CallHandlers } from './call-context.ts';

let table: Table | null = null;

const PARTS: readonly (() => Promise<void> | void)[] = [
  // Both threads of a load: the column worker this worker borrows is kept, and warmed with it.
  () => warmUpFile((path) => loadTable(path, { parallel: 'always' }).then((loaded) => void (table = loaded.table))),
  () => void profileOf(table!),
  () => {
    const recipe = defaultRecipe(table!, {});
    preparePreview(table!, recipe, 50);
    prepare(table!, recipe);
    table = null;
  },
];

export const warmUpCalls: Pick<CallHandlers, 'warmUp'> = {
  warmUp: async ({ part }) => {
    await PARTS[part]?.();
    return { parts: PARTS.length };
  },
};

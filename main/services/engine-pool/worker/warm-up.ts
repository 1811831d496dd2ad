/**
 * A worker's warm-up, shortly after the app starts: V8 compiles a hot loop to fast code only after it has run a
 * while, so the first real file would pay for compiling the loader, the profile and the recipe steps. Each part
 * runs them on a small synthetic table (main/io/warm-up.ts) while the user looks at the first screen; the parts
 * are separate calls, so a real call waiting in main goes first, and a part running when one arrives is
 * cancelled (the rest of that worker's warm-up is left to the real work).
 */
import { defaultRecipe, prepare, preparePreview } from '../../../../engine/prep/index.ts';
import type { Table } from '../../../../engine/table/table.ts';
import { loadTable } from '../../../io/load-table.ts';
import { warmUpFile } from '../../../io/warm-up.ts';
import { profileOf } from '../../../results/dataset-profile.ts';
import type { CallContext, CallHandlers } from './call-context.ts';

let table: Table | null = null;

/** Each part stops at its next check once main cancels it: warm-up yields to real work (engine-pool.ts). */
const PARTS: readonly ((context: CallContext) => Promise<void> | void)[] = [
  // Both threads of a load: the column worker this worker borrows is kept, and warmed with it.
  (context) => warmUpFile((path) => loadTable(path, { parallel: 'always', signal: context.signal }).then((loaded) => void (table = loaded.table))),
  () => void profileOf(table!),
  (context) => void preparePreview(table!, defaultRecipe(table!, {}), 50, undefined, () => context.checkCancelled()),
  (context) => {
    prepare(table!, defaultRecipe(table!, {}), undefined, () => context.checkCancelled());
    table = null;
  },
];

export const warmUpCalls: Pick<CallHandlers, 'warmUp'> = {
  warmUp: async ({ part }, context) => {
    await PARTS[part]?.(context as CallContext);
    return { parts: PARTS.length };
  },
};

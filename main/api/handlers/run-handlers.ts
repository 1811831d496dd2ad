/** What the run calls (main/api/calls/run-calls.ts) do: the same change to a run and to its model, when it has one. */
import { UserFacingError } from '../../../engine/errors.ts';
import type { runCalls } from '../calls/run-calls.ts';
import type { AreaHandlers } from '../handle.ts';
import type { Services } from '../handlers.ts';

function unknown(id: string): UserFacingError {
  return new UserFacingError('unknown-run', `There is no run or model "${id}" any more. The list may be out of date: open the step again.`);
}

export function createRunHandlers(services: Services): AreaHandlers<typeof runCalls> {
  const { training, models } = services;
  return {
    renameRun: async ({ id, label }) => {
      const name = label.trim();
      if (!name) throw new UserFacingError('empty-name', 'A run needs a name: type at least one letter or digit.');
      const renamed = [training.rename(id, name), models.rename(id, name)].some(Boolean);
      if (!renamed) throw unknown(id);
      return { renamed };
    },
    deleteRun: async ({ id }) => {
      // A run still training refuses first, so nothing is half deleted.
      const deleted = [training.delete(id), models.remove(id)].some(Boolean);
      if (!deleted) throw unknown(id);
      return { deleted };
    },
    restoreRun: async ({ id }) => ({ restored: [training.undelete(id), models.restore(id)].some(Boolean) }),
  };
}

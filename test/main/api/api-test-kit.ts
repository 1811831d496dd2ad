/** What the API handler tests share: the user-facing error a call fails with. */
import { isUserFacingError } from '../../../engine/errors.ts';
import type { FileAccess } from '../../../main/api/file-access.ts';

/** The code and message of the user-facing error `promise` rejects with; anything else fails the test. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isUserFacingError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a user-facing error');
}

/**
 * Every path allowed, as if the user had chosen each one in a dialog: for tests of what the calls do with a file,
 * where the path rule itself (file-access.test.ts, the web host's walk of the contract) is not under test.
 */
export const anyPath: FileAccess = { pathsAllowed: true, refusal: async () => null, offer: () => {} };

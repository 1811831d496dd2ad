/** What the API handler tests share: the user-facing error a call fails with. */
import { isUserFacingError } from '../../../engine/errors.ts';

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

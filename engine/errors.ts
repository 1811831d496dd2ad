/**
 * An error caused by the user's input or choices (a missing column, a one-class target, a malformed file),
 * as opposed to a bug. Its message is complete and user-facing: what happened, where, and what to do.
 * The CLI prints it as one line without a stack trace; the app shows it in place.
 */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
  /** The recipe step the error comes from, when it comes from inside one (the Clean step points at it). */
  readonly stepId: string | null;

  constructor(
    /** Stable machine-readable code for tests and scripts, e.g. `target-one-class`. */
    readonly code: string,
    message: string,
    options: { readonly stepId?: string } = {},
  ) {
    super(message);
    this.stepId = options.stepId ?? null;
  }
}

export function isUserFacingError(error: unknown): error is UserFacingError {
  return error instanceof Error && (error as { name?: string }).name === 'UserFacingError' && typeof (error as UserFacingError).code === 'string';
}

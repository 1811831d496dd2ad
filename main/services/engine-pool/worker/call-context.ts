/** What a handler in an engine worker gets besides its arguments: its session's state, progress, and cancellation. */
import { UserFacingError } from '../../../../engine/errors.ts';
import { CANCELLED, type ArgsOf, type EngineCallName, type ProgressOf, type ResultOf } from '../protocol.ts';
import type { WorkerSession } from './sessions.ts';

export interface CallContext<P = unknown> {
  readonly session: WorkerSession;
  /** Aborted by a cancel that arrives while the call waits (reading a file). */
  readonly signal: AbortSignal;
  progress(progress: P): void;
  /** Throws `cancelled` once main cancelled the call: synchronous work calls it between stages and chunks. */
  checkCancelled(): void;
}

export type CallHandler<K extends EngineCallName> = (args: ArgsOf<K>, context: CallContext<ProgressOf<K>>) => ResultOf<K> | Promise<ResultOf<K>>;
export type CallHandlers = { readonly [K in EngineCallName]: CallHandler<K> };

export function cancelledError(): UserFacingError {
  return new UserFacingError('cancelled', 'The work was cancelled.');
}

export function callContext<P>(session: WorkerSession, cancel: Int32Array, signal: AbortSignal, progress: (progress: P) => void): CallContext<P> {
  return {
    session,
    signal,
    progress,
    checkCancelled: () => {
      if (Atomics.load(cancel, 0) === CANCELLED || signal.aborted) throw cancelledError();
    },
  };
}

/** A recipe run's watch: each stage's progress reported, and the run stopped at the next stage once cancelled. */
export function watchStages(context: CallContext<{ stepId: string | null; done: number; total: number }>) {
  return (progress: { readonly stepId: string | null; readonly done: number; readonly total: number }): void => {
    context.checkCancelled();
    context.progress(progress);
  };
}

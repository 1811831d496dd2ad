/**
 * An engine worker thread of the pool (engine-pool.ts): holds the tables and models main sent it, runs one call
 * at a time, streams its progress and answers with its result or its error. Work that runs synchronously for
 * long (a recipe on a million rows) checks the call's cancel word between stages and chunks.
 */
import { parentPort } from 'node:worker_threads';
import { isUserFacingError } from '../../../../engine/errors.ts';
import type { FromEngineWorker, ToEngineWorker } from '../protocol.ts';
import { callContext, type CallHandlers } from './call-context.ts';
import { datasetCalls } from './dataset-calls.ts';
import { insightCalls } from './insight-calls.ts';
import { modelCalls } from './model-calls.ts';
import { WorkerSessions } from './sessions.ts';
import { warmUpCalls } from './warm-up.ts';
import { yieldToMainThread } from '../../../workers/yield-to-main.ts';

const port = parentPort;
if (!port) throw new Error('engine-worker.ts runs only as a worker thread');
yieldToMainThread();

const sessions = new WorkerSessions();
const handlers: CallHandlers = { ...datasetCalls, ...modelCalls, ...insightCalls, ...warmUpCalls };
/** The running call's abort, for a `cancel` that arrives while it waits on a file. */
const aborts = new Map<number, AbortController>();

const post = (message: FromEngineWorker): void => port.postMessage(message);

async function run(message: Extract<ToEngineWorker, { type: 'call' }>): Promise<void> {
  const abort = new AbortController();
  aborts.set(message.callId, abort);
  try {
    const context = callContext(sessions.get(message.session), message.cancel, abort.signal, (progress) => post({ type: 'progress', callId: message.callId, progress }));
    const handler = handlers[message.name] as (args: unknown, context: unknown) => unknown;
    const value = await handler(message.args, context);
    post({ type: 'result', callId: message.callId, value });
  } catch (error) {
    const e = error as Error;
    const code = isUserFacingError(error) ? error.code : null;
    post({ type: 'error', callId: message.callId, error: { code, message: code === null ? `${e.name}: ${e.message}` : e.message, stepId: isUserFacingError(error) ? error.stepId : null } });
  } finally {
    aborts.delete(message.callId);
  }
}

port.on('message', (message: ToEngineWorker) => {
  switch (message.type) {
    case 'call':
      return void run(message);
    case 'dataset':
      return sessions.get(message.session).setTable(message.datasetId, message.table);
    case 'model':
      return sessions.get(message.session).setModel(message.modelId, message.model);
    case 'forget':
      return sessions.get(message.session).forget(message.kind, message.id);
    case 'closeSession':
      return sessions.close(message.session);
    case 'cancel':
      return aborts.get(message.callId)?.abort();
  }
});

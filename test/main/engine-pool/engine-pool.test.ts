/**
 * The pool's routing, over stand-in workers that answer when the test says: calls wait in main and go to free
 * workers, homes keep a cache's calls on one worker, reserved cores shrink the pool to one worker, cancelled
 * calls never start (or stop), data goes once to each worker, and a crashed worker is replaced.
 */
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../engine/errors.ts';
import type { Deliveries } from '../../../main/services/engine-pool/engine-pool.ts';
import { CANCELLED, type FromEngineWorker } from '../../../main/services/engine-pool/protocol.ts';
import { pool } from './fake-workers.ts';

const profile = (datasetId: string, extra: { home?: string; signal?: AbortSignal; deliveries?: Deliveries } = {}) =>
  ({ session: 's', name: 'profile', args: { datasetId, quotedColumns: [] }, ...extra }) as const;

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('EnginePool', () => {
  it('runs one call per worker at a time; a third call waits in main for the first free worker', async () => {
    const { engine, workers } = pool(2);
    const answers = [engine.run(profile('a')), engine.run(profile('b')), engine.run(profile('c'))];
    expect(workers.map((w) => w.calls.map((c) => (c.args as { datasetId: string }).datasetId))).toEqual([['a'], ['b']]);
    workers[1]!.answer('B');
    expect(await answers[1]).toBe('B');
    expect(workers[1]!.calls.map((c) => (c.args as { datasetId: string }).datasetId), 'the freed worker takes the waiting call').toEqual(['b', 'c']);
    workers[0]!.answer('A');
    workers[1]!.answer('C');
    expect(await Promise.all(answers)).toEqual(['A', 'B', 'C']);
  });

  it('keeps calls with the same home on the worker that took the first of them, even when another is free', async () => {
    const { engine, workers } = pool(2);
    const first = engine.run(profile('a', { home: 'recipes:s' }));
    workers[0]!.answer(1);
    await first;
    const other = engine.run(profile('x'));
    const second = engine.run(profile('a', { home: 'recipes:s' }));
    expect(workers[0]!.calls, 'the home worker took the other call first').toHaveLength(2);
    expect(workers[1]?.calls ?? [], 'the free worker is not the home').toHaveLength(0);
    workers[0]!.answer(2);
    await other;
    expect(workers[0]!.calls).toHaveLength(3);
    workers[0]!.answer(3);
    expect(await second).toBe(3);
  });

  it('shrinks to one worker while cores are reserved (a training run), never to none, and grows back', async () => {
    const { engine, workers } = pool(2);
    engine.reserve('training:s', 2);
    expect(engine.capacity).toBe(1);
    const answers = [engine.run(profile('a')), engine.run(profile('b'))];
    expect(workers.flatMap((w) => w.calls)).toHaveLength(1);
    engine.reserve('training:s', 0);
    expect(engine.capacity).toBe(2);
    expect(workers.flatMap((w) => w.calls), 'the second starts as soon as the core is given back').toHaveLength(2);
    workers[0]!.answer(1);
    workers[1]!.answer(2);
    expect(await Promise.all(answers)).toEqual([1, 2]);
  });

  it('asks a reservation given as a function whenever it starts calls (a search counts from its start), and starts waiting calls on recount', async () => {
    const { engine, workers } = pool(3);
    let searching = 0;
    engine.reserve('search:s', () => searching);
    engine.reserve('cross-validation:s', () => 0);
    expect(engine.capacity).toBe(3);
    searching = 2;
    expect(engine.capacity, 'no event needed: the count is read as it is').toBe(1);
    const answers = [engine.run(profile('a')), engine.run(profile('b'))];
    expect(workers.flatMap((w) => w.calls)).toHaveLength(1);
    searching = 0;
    expect(workers.flatMap((w) => w.calls), 'nothing starts until the pool looks again').toHaveLength(1);
    engine.recount();
    expect(workers.flatMap((w) => w.calls)).toHaveLength(2);
    workers[0]!.answer(1);
    workers[1]!.answer(2);
    expect(await Promise.all(answers)).toEqual([1, 2]);
  });

  it('drops a cancelled call that has not started, and flags and tells the worker of one that runs', async () => {
    const { engine, workers } = pool(1);
    const running = new AbortController();
    const waiting = new AbortController();
    const first = engine.run(profile('a', { signal: running.signal }));
    const second = engine.run(profile('b', { signal: waiting.signal }));
    waiting.abort(new UserFacingError('superseded', 'A newer edit replaced this.'));
    await expect(second).rejects.toMatchObject({ code: 'superseded' });
    running.abort();
    const call = workers[0]!.calls[0]!;
    expect(Atomics.load(call.cancel, 0)).toBe(CANCELLED);
    expect(workers[0]!.received.at(-1)).toEqual({ type: 'cancel', callId: call.callId });
    workers[0]!.fail('cancelled', 'Loading was cancelled.');
    await expect(first).rejects.toMatchObject({ code: 'cancelled', message: 'Loading was cancelled.' });
    expect(workers[0]!.calls, 'the dropped call never reached the worker').toHaveLength(1);
  });

  it('sends what a call reads once per worker, and again only when it changed', async () => {
    const { engine, workers } = pool(1);
    let table = { rowCount: 1, columns: [] };
    const deliveries: Deliveries = () => [{ key: 'dataset:s:a', held: table, message: { type: 'dataset', session: 's', datasetId: 'a', table } }];
    for (const change of [false, false, true]) {
      if (change) table = { rowCount: 2, columns: [] };
      const answer = engine.run(profile('a', { deliveries }));
      workers[0]!.answer(null);
      await answer;
    }
    const sent = workers[0]!.received.filter((m) => m.type === 'dataset');
    expect(sent.map((m) => (m as { table: { rowCount: number } }).table.rowCount)).toEqual([1, 2]);
  });

  it('fails the call of a worker that crashed with what happened and what to do, and starts a new worker for the next', async () => {
    const { engine, workers } = pool(1);
    const doomed = engine.run(profile('a'));
    workers[0]!.emit('error', new Error('Array buffer allocation failed'));
    const error = await doomed.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'engine-crashed', message: expect.stringContaining('Array buffer allocation failed') });
    expect((error as Error).message).toMatch(/your data is still open\. Try again/);
    const next = engine.run(profile('a'));
    await tick();
    expect(workers).toHaveLength(2);
    workers[1]!.answer('fine');
    expect(await next).toBe('fine');
  });

  it('passes user-facing errors through with their code and step; a bug keeps its message', async () => {
    const { engine, workers } = pool(1);
    const refused = engine.run(profile('a'));
    workers[0]!.emit('message', { type: 'error', callId: workers[0]!.calls[0]!.callId, error: { code: 'non-finite-value', message: 'Step "scale": …', stepId: 'scale' } } satisfies FromEngineWorker);
    await expect(refused).rejects.toMatchObject({ name: 'UserFacingError', code: 'non-finite-value', stepId: 'scale' });
    const bug = engine.run(profile('a'));
    workers[0]!.emit('message', { type: 'error', callId: workers[0]!.calls[1]!.callId, error: { code: null, message: 'TypeError: x is undefined', stepId: null } } satisfies FromEngineWorker);
    const error = await bug.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toHaveProperty('code');
  });

  it('warms each worker in the background, part after part, while no real call waits', async () => {
    const { engine, workers } = pool(1);
    engine.start({ warmUpAfterMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(workers[0]!.calls.map((c) => c.name)).toEqual(['warmUp']);
    workers[0]!.answer({ parts: 3 });
    await tick();
    expect(workers[0]!.calls.at(-1)).toMatchObject({ name: 'warmUp', args: { part: 1 } });
    await engine.close();
  });

  it('stops a running warm-up for a real call that arrives, which starts as soon as the worker is free, and warms no further', async () => {
    const { engine, workers } = pool(1);
    engine.start({ warmUpAfterMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const warmUp = workers[0]!.calls[0]!;
    expect(Atomics.load(warmUp.cancel, 0)).not.toBe(CANCELLED);
    const real = engine.run(profile('a'));
    expect(Atomics.load(warmUp.cancel, 0), 'the warm-up is told to stop').toBe(CANCELLED);
    expect(workers[0]!.received).toContainEqual({ type: 'cancel', callId: warmUp.callId });
    workers[0]!.fail('cancelled', 'The work was cancelled.');
    await tick();
    expect(workers[0]!.calls.map((c) => c.name)).toEqual(['warmUp', 'profile']);
    workers[0]!.answer('A');
    expect(await real).toBe('A');
    await tick();
    expect(workers[0]!.calls.map((c) => c.name), 'the stopped warm-up does not come back').toEqual(['warmUp', 'profile']);
    await engine.close();
  });

  it('stops one warm-up per waiting call: the other worker goes on warming', async () => {
    const { engine, workers } = pool(2);
    engine.start({ warmUpAfterMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const real = engine.run(profile('a'));
    const stopped = workers.filter((w) => Atomics.load(w.calls[0]!.cancel, 0) === CANCELLED);
    expect(stopped).toHaveLength(1);
    stopped[0]!.fail('cancelled', 'The work was cancelled.');
    await tick();
    expect(stopped[0]!.calls.map((c) => c.name)).toEqual(['warmUp', 'profile']);
    stopped[0]!.answer('A');
    expect(await real).toBe('A');
    await engine.close();
  });
});

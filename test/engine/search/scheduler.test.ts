import { describe, expect, it } from 'vitest';
import { compareScores, ETA, SearchScheduler, type TrialRequest, type TrialScore } from '../../../engine/search/scheduler.ts';
import { portfolio } from '../../../engine/search/portfolio.ts';
import type { SpaceContext } from '../../../engine/search/space.ts';
import { Rng } from '../../../engine/nn/rng.ts';

const CONTEXT: SpaceContext = { rows: 400, classification: true, pieces: true, epochs: 180 };
const PORTFOLIO = portfolio(CONTEXT).length;

/** A made-up validation score that depends only on the config (as a real trial's does). */
function fakeScore(request: TrialRequest): TrialScore {
  const c = request.config;
  const mean = 0.5 + 0.05 * c.hidden.length - Math.abs(Math.log10(c.learningRate) + 3) * 0.03 + c.epochs / 10000;
  return { mean, std: 0.01, loss: 1 - mean };
}

/** Runs `trials` trials, finishing the running ones in an order picked by `order` (two at a time). */
function drive(trials: number, order: (running: TrialRequest[]) => number): TrialRequest[] {
  const scheduler = new SearchScheduler(CONTEXT, { seed: 5, maxTrials: trials });
  const started: TrialRequest[] = [];
  const running: TrialRequest[] = [];
  for (;;) {
    while (running.length < 2) {
      const next = scheduler.next();
      if (typeof next === 'string') break;
      started.push(next);
      running.push(next);
    }
    if (running.length === 0) break;
    const [done] = running.splice(order(running), 1);
    scheduler.finish(done!.id, fakeScore(done!));
  }
  return started;
}

describe('the search scheduler', () => {
  it('starts with the portfolio at the full budget, then a bracket of 9 sampled configs at a ninth of the epochs', () => {
    const started = drive(PORTFOLIO + 9, () => 0);
    expect(started.slice(0, PORTFOLIO).map((t) => t.config)).toEqual(portfolio(CONTEXT));
    expect(started.slice(PORTFOLIO).every((t) => t.config.epochs === CONTEXT.epochs / ETA ** 2 && t.rung === 0 && t.bracket === 1)).toBe(true);
    expect(new Set(started.map((t) => t.configNumber)).size).toBe(PORTFOLIO + 9);
  });

  it('promotes the best third of a rung to three times the epochs, keeping their config and seed', () => {
    const started = drive(PORTFOLIO + 9 + 3 + 1, () => 0);
    const rung0 = started.slice(PORTFOLIO, PORTFOLIO + 9);
    const best3 = [...rung0].sort((a, b) => compareScores(fakeScore(a), fakeScore(b)) || a.configNumber - b.configNumber).slice(0, 3);
    const rung1 = started.slice(PORTFOLIO + 9, PORTFOLIO + 12);
    expect(rung1.map((t) => t.configNumber)).toEqual(best3.map((t) => t.configNumber));
    expect(rung1.every((t) => t.rung === 1 && t.config.epochs === CONTEXT.epochs / ETA)).toBe(true);
    expect(rung1.map((t) => t.seed)).toEqual(best3.map((t) => t.seed));
    expect(started[PORTFOLIO + 12]!.config.epochs).toBe(CONTEXT.epochs);
  });

  it('gives the same trials whatever order parallel workers finish them in', () => {
    const inOrder = drive(40, () => 0);
    const lastFirst = drive(40, (running) => running.length - 1);
    const rng = new Rng(9);
    const random = drive(40, (running) => rng.int(running.length));
    expect(lastFirst).toEqual(inOrder);
    expect(random).toEqual(inOrder);
    expect(inOrder).toHaveLength(40);
  });

  it('waits for a rung with a trial limit, but opens the next bracket for a free worker when it may fill idle workers', () => {
    const strict = new SearchScheduler(CONTEXT, { seed: 5, maxTrials: 100 });
    const filling = new SearchScheduler(CONTEXT, { seed: 5, fillIdle: true });
    const portfolioSize = portfolio(CONTEXT).length;
    for (const scheduler of [strict, filling]) {
      const first = Array.from({ length: portfolioSize }, () => scheduler.next() as TrialRequest);
      // All but the last portfolio trial finish: its bracket's rung is still running.
      for (const t of first.slice(0, -1)) scheduler.finish(t.id, fakeScore(t));
    }
    expect(strict.next()).toBe('wait');
    const extra = filling.next() as TrialRequest;
    expect(extra.bracket).toBe(1);
    expect(extra.config.epochs).toBe(CONTEXT.epochs / ETA ** 2);
  });

  it('keeps two workers busy when it may fill idle workers, and starts an older bracket\'s promoted configs first', () => {
    const scheduler = new SearchScheduler(CONTEXT, { seed: 5, fillIdle: true });
    // Simulated time: a trial takes as many ticks as it has epochs; the first to end finishes first.
    const running: { trial: TrialRequest; end: number }[] = [];
    const started: TrialRequest[] = [];
    let now = 0;
    for (let step = 0; step < 40; step++) {
      while (running.length < 2) {
        const next = scheduler.next();
        expect(typeof next).toBe('object');
        started.push(next as TrialRequest);
        running.push({ trial: next as TrialRequest, end: now + (next as TrialRequest).config.epochs });
      }
      running.sort((a, b) => a.end - b.end || a.trial.id - b.trial.id);
      const done = running.shift()!;
      now = done.end;
      scheduler.finish(done.trial.id, fakeScore(done.trial));
    }
    const promoted = started.findIndex((t) => t.bracket === 1 && t.rung === 1);
    const filled = started.findIndex((t) => t.bracket === 2);
    // Bracket 1's ninth config ran alone: bracket 2 started on the free worker instead of waiting for it.
    expect(filled).toBeGreaterThan(0);
    expect(filled).toBeLessThan(promoted);
    // Once bracket 1's rung 1 exists it goes first: its three configs start one after another.
    expect(started.slice(promoted, promoted + 3).every((t) => t.bracket === 1 && t.rung === 1)).toBe(true);
  });

  it('stops at the trial limit', () => {
    const scheduler = new SearchScheduler(CONTEXT, { seed: 1, maxTrials: 2 });
    expect(typeof scheduler.next()).toBe('object');
    expect(typeof scheduler.next()).toBe('object');
    expect(scheduler.next()).toBe('done');
    expect(scheduler.exhausted).toBe(true);
  });

  it('ranks by the metric, then by the lower loss, failures last', () => {
    const a = { mean: 0.9, std: 0, loss: 0.3 };
    const b = { mean: 0.9, std: 0, loss: 0.2 };
    const c = { mean: 0.8, std: 0, loss: 0.1 };
    expect([a, null, c, b].sort(compareScores)).toEqual([b, a, c, null]);
  });
});

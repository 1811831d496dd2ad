/**
 * The search service: deterministic for a trial limit whatever order trials finish in, blind to the test rows'
 * labels, on time with a budget, and steerable (pause, resume, stop) while its workers train.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import type { Recipe } from '../../../engine/prep/types.ts';
import { searchRecipe } from '../../../engine/search/search-data.ts';
import type { CategoryColumn, Table } from '../../../engine/table/table.ts';
import { InProcessExecutor, WorkerExecutor } from '../../../main/search/executors.ts';
import { trialRun } from '../../../main/search/search-model.ts';
import { SearchSession, type SearchOptions, type SearchResult, type SearchStatus } from '../../../main/search/search-session.ts';
import { loadTable } from '../../../main/io/load-table.ts';

const DATASETS = resolve(import.meta.dirname, '../../../../shared/datasets');
const OPTIONS: SearchOptions = { trials: 8, folds: 3, seed: 11, ensembleTrials: 2, epochs: 12 };

async function iris(): Promise<{ table: Table; recipe: Recipe }> {
  const { table } = await loadTable(resolve(DATASETS, 'iris.csv'));
  const suggested = suggestRecipe(table, { target: 'species' });
  // Not stratified, and without the duplicate-row step: which rows are test rows then depends on no label.
  const recipe: Recipe = { ...suggested, steps: suggested.steps.filter((s) => s.kind !== 'drop-duplicates'), split: { train: 0.8, validation: 0, test: 0.2, stratify: false, seed: 3 } };
  return { table, recipe };
}

function summary(result: SearchResult): unknown {
  return { board: result.leaderboard.map((r) => [r.trial, r.config, r.validation]), final: result.final.trials.map((t) => t.request.id), outOfFold: result.final.outOfFold };
}

describe('the search session', () => {
  it('gives the same trials, leaderboard and final model whatever order its trials finish in', async () => {
    const { table, recipe } = await iris();
    const inOrder = await new SearchSession(table, recipe, OPTIONS, new InProcessExecutor(2)).run();
    // Each trial's result waits less than the one before it: later trials finish first.
    const reversed = await new SearchSession(table, recipe, OPTIONS, new InProcessExecutor(2, (request) => (20 - request.id) * 15)).run();
    expect(summary(reversed)).toEqual(summary(inOrder));
    expect(inOrder.startedTrials).toBe(8);
    expect(inOrder.trials.length).toBe(8);
    expect(inOrder.final.networks.length).toBe(3 * inOrder.final.trials.length);
  }, 180_000);

  it('never reads the test rows: other labels there change the test score, not one choice of the search', async () => {
    const { table, recipe } = await iris();
    const testRows = prepare(table, searchRecipe(recipe)).test.rowIndex;
    expect(testRows.length).toBe(30);
    const species = table.columns.find((c) => c.name === 'species') as CategoryColumn;
    const codes = Int32Array.from(species.codes);
    for (const row of testRows) codes[row] = (codes[row]! + 1) % species.levels.length;
    const relabelled: Table = { ...table, columns: table.columns.map((c) => (c === species ? { ...species, codes } : c)) };
    const original = await new SearchSession(table, recipe, OPTIONS, new InProcessExecutor(2)).run();
    const changed = await new SearchSession(relabelled, recipe, OPTIONS, new InProcessExecutor(2)).run();
    expect(summary(changed)).toEqual(summary(original));
    expect(changed.final.best.request.config).toEqual(original.final.best.request.config);
    const accuracy = (r: SearchResult): number => (r.test!.report as { accuracy: number }).accuracy;
    expect(accuracy(original)).toBeGreaterThan(0.8);
    expect(accuracy(changed)).toBeLessThan(0.2);
  }, 180_000);

  it('reports progress: every trial started and finished, the leader, and its statuses in order', async () => {
    const { table, recipe } = await iris();
    const started: number[] = [];
    const finished: number[] = [];
    const leaders: number[] = [];
    const statuses: SearchStatus[] = [];
    const result = await new SearchSession(table, recipe, { ...OPTIONS, trials: 4 }, new InProcessExecutor(2), {
      onTrialStarted: (r) => started.push(r.id),
      onTrialFinished: (r, board) => {
        finished.push(r.request.id);
        expect(board.length).toBe(finished.length);
      },
      onBest: (r) => leaders.push(r.request.id),
      onStatus: (s) => statuses.push(s),
    }).run();
    expect(started).toEqual([1, 2, 3, 4]);
    expect([...finished].sort()).toEqual([1, 2, 3, 4]);
    expect(leaders.at(-1)).toBe(result.final.best.request.id);
    expect(statuses).toEqual(['preparing', 'running', 'finishing', 'done']);
    expect(result.baselines?.majorityClass).toBeDefined();
    expect(result.baselines?.linear).not.toBeNull();
  }, 180_000);

  it('keeps every finished trial ready to become an ordinary run: its recipe, design, settings, network and curves', async () => {
    const { table, recipe } = await iris();
    const result = await new SearchSession(table, recipe, { ...OPTIONS, trials: 2 }, new InProcessExecutor(2)).run();
    for (const record of result.trials) {
      const run = trialRun(result.info, record);
      expect(run.network.spec.inputSize).toBe(run.fitted.features.length);
      expect(run.design.hidden.filter((l) => l.type === 'dense').map((l) => (l as { units: number }).units)).toEqual(record.request.config.hidden);
      expect(run.settings.batchSize).toBe(record.request.config.batchSize);
      expect(run.history.history['val_loss']!.length).toBe(run.history.epochsCompleted);
      expect(run.otherFolds).toHaveLength(2);
    }
  }, 180_000);

  it('stops on its wall-clock budget with the best trial so far, in worker threads', async () => {
    const { table, recipe } = await iris();
    const budgetSeconds = 15;
    const result = await new SearchSession(table, recipe, { folds: 3, seed: 1, ensembleTrials: 1, budgetSeconds, epochs: 40 }, new WorkerExecutor(2)).run();
    expect(result.endReason).toBe('budget');
    expect(result.trials.length).toBeGreaterThanOrEqual(1);
    // On time: a running trial stops after its current batch; the final test evaluation is one forward pass.
    expect(result.seconds).toBeLessThan(budgetSeconds + 5);
  }, 120_000);

  it('says there is no model when the budget ends before the first trial finishes', async () => {
    const { table, recipe } = await iris();
    const session = new SearchSession(table, recipe, { folds: 3, seed: 1, ensembleTrials: 1, budgetSeconds: 4, epochs: 100_000 }, new WorkerExecutor(2));
    await expect(session.run()).rejects.toThrow(/^The budget of 4 s ended (before the first network finished training|while the data was being prepared)/);
  }, 60_000);

  it('can be stopped while it prepares the data: no trial starts, and it says there is no model', async () => {
    const { table, recipe } = await iris();
    let session: SearchSession;
    const started: number[] = [];
    session = new SearchSession(table, recipe, OPTIONS, new InProcessExecutor(2), {
      onStatus: (s) => s === 'preparing' && expect(session.stop()).toBe(true),
      onTrialStarted: (r) => started.push(r.id),
    });
    await expect(session.run()).rejects.toThrow(/^The search was stopped after .*, before its first network finished training/);
    expect(started).toEqual([]);
  }, 60_000);

  it('pauses, resumes and stops its workers\' trials', async () => {
    const { table, recipe } = await iris();
    let session: SearchSession;
    const statuses: SearchStatus[] = [];
    session = new SearchSession(table, recipe, { folds: 3, seed: 2, ensembleTrials: 1, trials: 50, epochs: 60 }, new WorkerExecutor(2), {
      onTrialStarted: (r) => {
        if (r.id === 1) {
          expect(session.pause()).toBe(true);
          setTimeout(() => expect(session.resume()).toBe(true), 300);
        }
      },
      onTrialFinished: () => session.stop(),
      onStatus: (s) => statuses.push(s),
    });
    const result = await session.run();
    expect(statuses.slice(0, 5)).toEqual(['preparing', 'running', 'paused', 'running', 'stopping']);
    expect(result.endReason).toBe('stopped');
    expect(result.startedTrials).toBeLessThan(50);
    expect(result.trials.length).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

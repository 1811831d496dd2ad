/** A prepared recipe reused across runs (runPreparedJob), and the one-core run (no helper thread). */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPreparedJob, runTrainingJob, type TrainingJob } from '../../../engine/pipeline/train-job.ts';
import { defaultTrainingSettings, denseStack } from '../../../engine/pipeline/training-settings.ts';
import { prepare } from '../../../engine/prep/prepare.ts';
import { suggestRecipe } from '../../../engine/prep/suggest.ts';
import { loadTable } from '../../../main/io/load-table.ts';

const datasets = resolve(import.meta.dirname, '../../../../shared/datasets');

async function churnJob(hidden: number[], batchSize: number): Promise<TrainingJob> {
  const { table } = await loadTable(resolve(datasets, 'Churn_Modelling.csv'));
  return { table, recipe: suggestRecipe(table, { target: 'Exited' }), design: { hidden: denseStack(hidden) }, settings: defaultTrainingSettings({ epochs: 3, batchSize, earlyStopping: false }) };
}

describe('runTrainingJob options', () => {
  it('trains from a prepared recipe as from the table, and leaves its matrices as they were (one serves many runs)', async () => {
    const job = await churnJob([8], 64);
    const prepared = prepare(job.table, job.recipe);
    const before = prepared.train.x.slice();
    const fromTable = runTrainingJob(job);
    const fromPrepared = runPreparedJob({ prepared, design: job.design, settings: job.settings });
    const again = runPreparedJob({ prepared, design: job.design, settings: job.settings });
    expect(fromPrepared.network.weights).toEqual(fromTable.network.weights);
    expect(again.network.weights).toEqual(fromTable.network.weights);
    expect(prepared.train.x).toEqual(before);
  });

  it('reports one thread when the run has one core (no helper thread to start)', async () => {
    const job = await churnJob([128, 64], 256);
    const result = runTrainingJob(job, {}, undefined, { startHelper: null });
    expect(result.threads).toBe(1);
    expect(result.history.epochsCompleted).toBe(3);
  });
});

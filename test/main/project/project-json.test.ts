/** Autosave's JSON: the same text JSON.stringify gives, with each model's network serialised once. */
import { describe, expect, it } from 'vitest';
import { emptyProject } from '../../../main/project/project-store.ts';
import { projectDocumentJson } from '../../../main/project/project-json.ts';
import type { ProjectFile } from '../../../main/project/project-file.ts';
import { trained } from '../../engine/model/trained.ts';

async function projectWith(labels: string[]): Promise<ProjectFile> {
  const { file, design, settings } = await trained('titanic');
  return {
    ...emptyProject('Titanic "survival" \u2028 \\ tricky name'),
    recipe: file.recipe.recipe,
    design,
    settings,
    runs: [
      ...labels.map((label, i) => ({ id: `run-${i}`, label, startedAt: '2025-01-31T12:00:00.000Z', status: 'completed' as const, model: i % 2 ? { ...file, decision: { threshold: 0.3 } } : file, error: null })),
      { id: 'failed', label: 'Failed', startedAt: '2025-01-31T12:05:00.000Z', status: 'failed' as const, model: null, error: { code: 'diverged', message: 'The loss became infinite.' } },
    ],
    view: { step: 'evaluate' },
  };
}

describe('projectDocumentJson', () => {
  it('gives exactly the text of JSON.stringify, models with and without a threshold, failed runs, odd names', async () => {
    const project = await projectWith(['Run 1', 'Run "2"', 'Run 3 \n with a line break']);
    const document = { format: 'layerlab-recovery', pid: 1, projectPath: null, savedAt: 'now', project };
    expect(projectDocumentJson(document)).toBe(JSON.stringify(document));
    const none = { project: { ...project, runs: [] } };
    expect(projectDocumentJson(none)).toBe(JSON.stringify(none));
  });

  it('reads a network\'s weights once, however often the project is written', async () => {
    const project = await projectWith(['Run 1']);
    const model = project.runs[0]!.model!;
    let reads = 0;
    const weights = model.network.weightData;
    const network = { ...model.network };
    Object.defineProperty(network, 'weightData', { enumerable: true, get: () => (reads++, weights) });
    const watched = { ...project, runs: [{ ...project.runs[0]!, model: { ...model, network } }] };
    const first = projectDocumentJson({ project: watched });
    // A new threshold makes a new model object around the same network, as each autosave of the window's state does.
    const second = projectDocumentJson({ project: { ...watched, runs: [{ ...watched.runs[0]!, model: { ...watched.runs[0]!.model, decision: { threshold: 0.7 } } }] } });
    expect(reads).toBe(1);
    expect(JSON.parse(first).project.runs[0].model.network.weightData).toBe(weights);
    expect(JSON.parse(second).project.runs[0].model.decision).toEqual({ threshold: 0.7 });
  });
});

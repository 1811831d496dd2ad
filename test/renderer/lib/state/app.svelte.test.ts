/** The menu commands that reach the window (File → project and export, Edit → undo and redo) act on the steps' state. */
import { describe, expect, it, vi } from 'vitest';
import type { LayerlabApi } from '../../../../main/api/contract.ts';
import { desktopPlatform } from '../../../../renderer/src/lib/platform/platform.ts';
import { AppState } from '../../../../renderer/src/lib/state/app.svelte.ts';
import { messages } from '../../../../renderer/src/lib/messages.ts';

// The state classes run in Node here: the few browser globals they touch at construction, stood in for.
vi.stubGlobal('localStorage', { getItem: () => null, setItem: () => {}, removeItem: () => {} });
vi.stubGlobal('matchMedia', () => ({ matches: false, addEventListener: () => {} }));
vi.stubGlobal('document', { activeElement: null });

function app(): AppState {
  const api = { subscribe: () => () => {} } as unknown as LayerlabApi;
  return new AppState(desktopPlatform(api, { mac: false, pathForFile: () => '' }));
}

describe('AppState menu commands', () => {
  it('Export Model without a model goes to Predict & export and says how to get one', async () => {
    const state = app();
    const exportModel = vi.spyOn(state.results, 'exportModel');
    await state.run({ kind: 'export-model' });
    expect(state.step).toBe('predict');
    expect(exportModel).not.toHaveBeenCalled();
    expect(state.notices.items.map((n) => n.title)).toEqual([messages.noModel]);
  });

  it('Export Model with a model shown writes it as JSON', async () => {
    const state = app();
    const exportModel = vi.spyOn(state.results, 'exportModel').mockResolvedValue();
    state.results.modelId = 'run-1';
    await state.run({ kind: 'export-model' });
    expect(exportModel).toHaveBeenCalledWith('json');
  });

  it('Save Project with nothing open says so instead of writing an empty project', async () => {
    const state = app();
    await state.run({ kind: 'save-project' });
    expect(state.notices.items.map((n) => n.title)).toEqual([messages.nothingToSave]);
  });

  it('Undo and Redo outside a text field walk the recipe history, on the Clean step', async () => {
    const state = app();
    const undo = vi.spyOn(state.recipe, 'undo').mockImplementation(() => {});
    const redo = vi.spyOn(state.recipe, 'redo').mockImplementation(() => {});
    await state.run({ kind: 'undo' });
    await state.run({ kind: 'redo' });
    expect([undo.mock.calls.length, redo.mock.calls.length, state.step]).toEqual([1, 1, 'clean']);
  });
});

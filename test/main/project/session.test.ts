/** ProjectSession's one state for a reopened project's data file, and the events it tells of each change. */
import { describe, expect, it } from 'vitest';
import type { ProjectDataState } from '../../../main/api/calls/project-calls.ts';
import type { LoadedTable } from '../../../main/io/load-table.ts';
import type { DatasetReference } from '../../../main/project/project-file.ts';
import { ProjectSession } from '../../../main/project/session.ts';

const reference: DatasetReference = { path: '/data/titanic.csv', relativePath: 'titanic.csv', name: 'titanic.csv', sha256: '0'.repeat(64), bytes: 100, sheet: null, options: {} };
const recipe = { version: 1, target: { column: 'Survived' }, split: { train: 0.7, validation: 0.15, test: 0.15, stratify: true, seed: 42 }, steps: [] } as const;
const held = { loaded: {} as LoadedTable, origin: 'path' as const, name: 'titanic-2.csv' };

function session() {
  const states: ProjectDataState[] = [];
  return { states, session: new ProjectSession(null, { onDataState: (state) => states.push(state) }) };
}

describe('ProjectSession: the data file of a reopened project', () => {
  it('awaits it from where it was found, holds a file with other bytes until taken, and is idle once it is open', () => {
    const { session: project, states } = session();
    expect(project.dataState).toEqual({ status: 'idle' });
    project.opened('/p.layerlab', { reference, found: '/data/titanic.csv', message: null, recipe });
    expect(project.awaited).toMatchObject({ reference, recipe });
    project.hold(held, 'Its SHA-256 differs.');
    expect(project.takeHeld()).toBe(held);
    project.settled();
    expect(project.awaited).toBeNull();
    expect(states).toEqual([
      { status: 'awaiting-data', name: 'titanic.csv', found: '/data/titanic.csv', message: null, unreadable: null },
      { status: 'confirm-changed', name: 'titanic-2.csv', message: 'Its SHA-256 differs.' },
      { status: 'idle' },
    ]);
  });

  it('asks the user to locate another copy of a file that could not be read', () => {
    const { session: project } = session();
    project.opened(null, { reference, found: '/data/titanic.csv', message: null, recipe });
    project.unreadable('titanic.csv');
    expect(project.dataState).toEqual({ status: 'awaiting-data', name: 'titanic.csv', found: null, message: null, unreadable: 'titanic.csv' });
  });

  it('awaits nothing for a project without a data file, and refuses to take or require what is not there', () => {
    const { session: project, states } = session();
    project.opened('/p.layerlab', null);
    expect(() => project.takeHeld()).toThrow(expect.objectContaining({ code: 'no-changed-data' }));
    expect(() => project.requireAwaited()).toThrow(expect.objectContaining({ code: 'no-project-data' }));
    project.hold(held, 'late');
    project.unreadable('late.csv');
    project.settled();
    expect(states, 'a late read changes nothing once nothing is awaited').toEqual([{ status: 'idle' }]);
  });
});

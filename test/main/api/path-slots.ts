/**
 * Every place the contract lets a payload name a path, found from the contract itself (each call's validator
 * declares its `pathSlots`), with a payload that puts `path` there: so a call added later is walked too.
 */
import { callNames, calls, type CallName } from '../../../main/api/contract.ts';
import type { PathSlot, PathUse } from '../../../main/api/validate.ts';

export interface PathProbe {
  readonly call: CallName;
  readonly use: PathUse;
  /** "source.kind=path.path": where the path sits. */
  readonly where: string;
  payload(path: string): unknown;
}

function build(slot: PathSlot, path: string): unknown {
  const at = (i: number): unknown => {
    const step = slot.steps[i];
    if (!step) return path;
    if ('item' in step) return [at(i + 1)];
    if ('tag' in step) return { ...(at(i + 1) as object), [step.tag]: step.value };
    return { [step.key]: at(i + 1) };
  };
  return at(0);
}

const describeSlot = (slot: PathSlot) => slot.steps.map((step) => ('item' in step ? '[]' : 'tag' in step ? `${step.tag}=${step.value}` : step.key)).join('.');

export function pathProbes(): PathProbe[] {
  return callNames.flatMap((call) =>
    (calls[call].request.pathSlots ?? []).map((slot) => ({ call, use: slot.use, where: describeSlot(slot), payload: (path: string) => build(slot, path) })),
  );
}

/** The calls known today to take a path: the walk must find at least these, or it is not walking anything. */
export const KNOWN_PATH_CALLS: readonly CallName[] = [
  'openDataset',
  'saveCleanedCsv',
  'predictFile',
  'savePredictions',
  'exportModel',
  'openModelFile',
  'saveProject',
  'openProject',
  'locateProjectData',
  'saveReport',
];

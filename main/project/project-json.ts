/**
 * A project as JSON text, with each model's network written once and kept. The networks hold nearly all of a
 * project's bytes (the weights as base64) and never change once trained, while autosave writes the project after
 * every small change. JSON.stringify reads every character of the weights each time: 10 models of a million
 * weights are 53 MB of text and about 350 ms on main's thread, for each autosave.
 */
import { randomBytes } from 'node:crypto';
import type { ModelFile } from '../../engine/model/model-file.ts';
import type { ProjectFile } from './project-file.ts';

const networkTexts = new WeakMap<ModelFile['network'], string>();

function networkText(network: ModelFile['network']): string {
  let text = networkTexts.get(network);
  if (text === undefined) {
    text = JSON.stringify(network);
    networkTexts.set(network, text);
  }
  return text;
}

/** Exactly `JSON.stringify(document)` (no indentation) for a document that holds `project`. */
export function projectDocumentJson<D extends { readonly project: ProjectFile }>(document: D): string {
  // Each network is replaced by a mark no label or name can hold (random), then the kept text takes its place.
  const nonce = randomBytes(12).toString('hex');
  const texts: string[] = [];
  const runs = document.project.runs.map((run) => {
    if (!run.model) return run;
    const mark = `${nonce}:${texts.length}`;
    texts.push(networkText(run.model.network));
    return { ...run, model: { ...run.model, network: mark } };
  });
  const marked = JSON.stringify({ ...document, project: { ...document.project, runs } });
  const parts: string[] = [];
  let from = 0;
  texts.forEach((text, i) => {
    const mark = JSON.stringify(`${nonce}:${i}`);
    const at = marked.indexOf(mark, from);
    parts.push(marked.slice(from, at), text);
    from = at + mark.length;
  });
  parts.push(marked.slice(from));
  return parts.join('');
}

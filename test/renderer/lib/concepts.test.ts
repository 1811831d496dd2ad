/**
 * The concept texts: every term the issue names has one, of two to four sentences; every step kind and every
 * activation a layer can use has its own; and every term a component shows (`<Concept id="…">`, a metric card's
 * `concept`) names a text that exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVATIONS } from '../../../engine/nn/activations.ts';
import { STEP_KINDS } from '../../../engine/prep/steps/params.ts';
import { ACTIVATION_LINES, CONCEPTS, lossConcept, stepConcept } from '../../../renderer/src/lib/concepts.ts';
import { HIDDEN_ACTIVATIONS } from '../../../renderer/src/lib/network/design.ts';
import { activationPoints } from '../../../renderer/src/lib/insight/curves.ts';

const RENDERER = resolve(import.meta.dirname, '../../../renderer/src');

/** Sentences end with . ! or ? followed by a space and a capital (or the end): "0.2", "max(0, z)" and "e.g" do not split. */
function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+(?=[A-Z0-9"“])/).filter((s) => s.trim() !== '');
}

function svelteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? svelteFiles(join(dir, e.name)) : e.name.endsWith('.svelte') ? [join(dir, e.name)] : []));
}

describe('concepts in context', () => {
  it('has a text for every term of the issue', () => {
    const terms = ['neuron', 'layer', 'activation', 'dropout', 'batch-normalization', 'loss', 'loss-binary-crossentropy', 'loss-categorical-crossentropy', 'loss-mse', 'optimizer', 'learning-rate', 'batch-size', 'epoch', 'validation-rows', 'early-stopping', 'overfitting', 'confusion-matrix', 'precision', 'recall', 'f1', 'roc', 'auc', 'threshold', 'r2', 'mae', 'rmse'];
    for (const term of terms) expect(Object.keys(CONCEPTS)).toContain(term);
  });

  it('explains each cleaning step kind and each activation a layer can use', () => {
    for (const kind of STEP_KINDS) expect(CONCEPTS[stepConcept(kind)], kind).toBeDefined();
    for (const name of ACTIVATIONS) expect(ACTIVATION_LINES[name], name).toMatch(new RegExp(`^${name}: `));
    for (const name of HIDDEN_ACTIVATIONS) expect(activationPoints(name, -4, 4), name).not.toBeNull();
  });

  it.each(Object.entries(CONCEPTS))('"%s" is two to four sentences under a term', (_id, concept) => {
    expect(concept.term.length).toBeGreaterThan(1);
    const said = sentences(concept.text);
    expect(said.length, concept.text).toBeGreaterThanOrEqual(2);
    expect(said.length, concept.text).toBeLessThanOrEqual(4);
  });

  it('gives each loss its own text, and a general one otherwise', () => {
    expect(lossConcept('binary_crossentropy')).toBe('loss-binary-crossentropy');
    expect(lossConcept('sparse_categorical_crossentropy')).toBe('loss-categorical-crossentropy');
    expect(lossConcept('huber')).toBe('loss-huber');
    expect(lossConcept(null)).toBe('loss');
  });

  it('every term a component shows names a text that exists', () => {
    const ids = new Set<string>();
    for (const file of svelteFiles(RENDERER)) {
      const source = readFileSync(file, 'utf8');
      for (const match of source.matchAll(/<Concept id="([^"]+)"/g)) ids.add(match[1]!);
      for (const match of source.matchAll(/concept: '([^']+)'/g)) ids.add(match[1]!);
    }
    expect(ids.size).toBeGreaterThan(15);
    for (const id of ids) expect(Object.keys(CONCEPTS), `"${id}" is shown but has no text`).toContain(id);
  });

  it('plots an activation as the engine computes it', () => {
    expect(activationPoints('relu', -2, 2, 5)).toEqual([[-2, 0], [-1, 0], [0, 0], [1, 1], [2, 2]]);
    expect(activationPoints('softmax', -2, 2)).toBeNull();
  });
});

/**
 * Reading JSON documents that came from elsewhere (model and project files). Nothing in them is ever run:
 * JSON.parse builds plain data, and keys that could reach an object's prototype if a careless consumer ever
 * merged the data into another object (`__proto__`, and `constructor` holding `prototype`) are refused outright.
 */
import { UserFacingError } from '../errors.ts';

/** Parses `text`, naming the document and the position when it is not JSON. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new UserFacingError('not-json', `${what} is not valid JSON (${(error as Error).message}). Was it cut short or edited by hand?`);
  }
}

const KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function pathOf(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (!KEY.test(key)) return `${parent}[${JSON.stringify(key)}]`;
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * The path of the first `__proto__` key (or `constructor.prototype`) in a parsed document, or null. Walks
 * iteratively: a hostile file nested a million levels deep must not overflow the stack.
 * `userKeys`: paths of objects whose keys are the user's own words (a project's column types, keyed by column
 * name): there a column named `__proto__` is a key like any other, which JSON.parse keeps as an own property and
 * the readers look up as one (engine/own.ts); their values are still walked.
 */
export function findForbiddenKey(document: unknown, userKeys: readonly string[] = []): string | null {
  const stack: [unknown, string][] = [[document, '']];
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      // Only objects and lists can hold a key: a list of two million strings costs no path strings.
      for (let i = value.length - 1; i >= 0; i--) if (typeof value[i] === 'object' && value[i] !== null) stack.push([value[i], pathOf(path, i)]);
      continue;
    }
    const keys = Object.keys(value);
    const userData = userKeys.includes(path);
    for (const key of keys) {
      if (userData) continue;
      if (key === '__proto__') return pathOf(path, key);
      const item = (value as Record<string, unknown>)[key];
      if (key === 'constructor' && typeof item === 'object' && item !== null && Object.hasOwn(item, 'prototype')) return pathOf(pathOf(path, key), 'prototype');
    }
    for (let i = keys.length - 1; i >= 0; i--) {
      const item = (value as Record<string, unknown>)[keys[i]!];
      if (typeof item === 'object' && item !== null) stack.push([item, pathOf(path, keys[i]!)]);
    }
  }
  return null;
}

/** Throws when the document holds a key that could reach a prototype (outside `userKeys`, see findForbiddenKey). */
export function refuseForbiddenKeys(document: unknown, what: string, userKeys: readonly string[] = []): void {
  const path = findForbiddenKey(document, userKeys);
  if (path !== null) {
    throw new UserFacingError('forbidden-key', `${what} holds the field "${path}", which Layerlab never writes and refuses to read (it could alter how programs see every object). The file was not made by Layerlab, or was tampered with.`);
  }
}

/**
 * Projects on disk: saved atomically, opened with a check of the data file they point to. A data file that
 * is gone (moved, renamed, on an unplugged drive) or whose bytes changed since the runs were trained is
 * detected by its SHA-256, and the user is asked to locate it; nothing is retrained or overwritten silently.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { UserFacingError } from '../../engine/errors.ts';
import { parseJsonText } from '../../engine/model/safe-json.ts';
import type { SourceInfo } from '../io/load-table.ts';
import { writeFileAtomic } from './atomic-write.ts';
import { PROJECT_FORMAT, PROJECT_VERSION, readProject, type DatasetReference, type ProjectFile } from './project-file.ts';

export type DatasetCheck =
  | { readonly status: 'ok'; readonly path: string }
  /** Found through its path relative to the project (the folder was moved): `path` is where it is now. */
  | { readonly status: 'moved'; readonly path: string; readonly message: string }
  | { readonly status: 'missing'; readonly expectedPath: string; readonly message: string }
  | { readonly status: 'changed'; readonly path: string; readonly expectedSha256: string; readonly actualSha256: string; readonly message: string }
  | { readonly status: 'none' };

export interface OpenedProject {
  readonly path: string;
  readonly project: ProjectFile;
  readonly dataset: DatasetCheck;
}

export function emptyProject(name: string): ProjectFile {
  return { format: PROJECT_FORMAT, version: PROJECT_VERSION, name, dataset: null, recipe: null, design: null, settings: null, runs: [], view: {}, saved: null };
}

/** The reference to a loaded file, as a project keeps it. */
export function datasetReference(source: SourceInfo, options: DatasetReference['options'] = {}): DatasetReference {
  return { path: resolve(source.path), relativePath: null, name: source.name, sha256: source.sha256, bytes: source.bytes, sheet: source.sheet, options };
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Writes the project atomically, recording when, by which app, and where the data is relative to it. */
export async function saveProject(path: string, project: ProjectFile, app: { name: string; version: string }, now = new Date()): Promise<ProjectFile> {
  const dataset = project.dataset ? { ...project.dataset, relativePath: isAbsolute(project.dataset.path) ? relative(dirname(resolve(path)), project.dataset.path) : null } : null;
  const saved: ProjectFile = { ...project, version: PROJECT_VERSION, dataset, saved: { at: now.toISOString(), app } };
  await writeFileAtomic(path, `${JSON.stringify(saved, null, 1)}\n`);
  return saved;
}

async function isFile(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isFile() ?? false;
}

/** Where the project's data file is now, and whether it still holds the bytes the runs were trained on. */
export async function checkDataset(project: ProjectFile, projectPath: string): Promise<DatasetCheck> {
  const dataset = project.dataset;
  if (!dataset) return { status: 'none' };
  if (!isAbsolute(dataset.path)) return uploadedData(dataset);
  let path = dataset.path;
  let moved = false;
  if (!(await isFile(path))) {
    const alongside = dataset.relativePath !== null && !isAbsolute(dataset.relativePath) ? resolve(dirname(resolve(projectPath)), dataset.relativePath) : null;
    if (!alongside || !(await isFile(alongside))) {
      return { status: 'missing', expectedPath: dataset.path, message: `The data file ${dataset.name} is no longer at ${dataset.path}. Locate it to go on; the saved runs and models are kept.` };
    }
    path = alongside;
    moved = true;
  }
  const actual = await sha256OfFile(path);
  if (actual !== dataset.sha256) {
    return {
      status: 'changed',
      path,
      expectedSha256: dataset.sha256,
      actualSha256: actual,
      message: `The data file ${path} has changed since this project used it (its SHA-256 differs). Locate the original file, or use this one: the saved runs stay as they are, and new runs will train on the changed data.`,
    };
  }
  return moved ? { status: 'moved', path, message: `The data file was found at ${path} (the project's folder moved); the project now points there.` } : { status: 'ok', path };
}

/**
 * The web host's answer in place of `checkDataset`: a browser's project names files on the computer of whoever
 * saved it, and the host never opens (or even looks for) a path a file it was sent names; the user uploads it.
 */
export function datasetToUpload(project: ProjectFile): DatasetCheck {
  const dataset = project.dataset;
  if (!dataset) return { status: 'none' };
  if (!isAbsolute(dataset.path)) return uploadedData(dataset);
  return { status: 'missing', expectedPath: dataset.path, message: `Choose the data file ${dataset.name} to go on (the browser version opens only files you upload); it is checked against the project by its SHA-256. The saved runs and models are kept.` };
}

function uploadedData(dataset: NonNullable<ProjectFile['dataset']>): DatasetCheck {
  return { status: 'missing', expectedPath: dataset.path, message: `The data file ${dataset.name} was uploaded from a browser, so Layerlab cannot find it by itself. Locate it to go on; the saved runs and models are kept.` };
}

/**
 * The web host's check: the only file it looks at is one of its own samples (bundled data, nothing of the
 * user's), found again by its path and bytes; any other data file is uploaded by the user (`datasetToUpload`).
 */
export async function checkOwnSample(project: ProjectFile, isSample: (path: string) => boolean): Promise<DatasetCheck> {
  const dataset = project.dataset;
  if (!dataset || !isSample(dataset.path)) return datasetToUpload(project);
  // No path beside the project: a sent project's relative path must not lead anywhere.
  return checkDataset({ ...project, dataset: { ...dataset, relativePath: null } }, dataset.path);
}

/** `findData: false` (the web host): only the host's own samples are looked for, see `checkOwnSample`. */
export async function openProject(path: string, options: { findData?: boolean; isSample?: (path: string) => boolean } = {}): Promise<OpenedProject> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UserFacingError('project-not-found', code === 'ENOENT' ? `Project file not found: ${path}.` : `Cannot read the project ${path} (${code ?? (error as Error).message}).`);
  }
  let project = readProject(parseJsonText(text, path));
  const dataset = options.findData === false ? await checkOwnSample(project, options.isSample ?? (() => false)) : await checkDataset(project, path);
  if (dataset.status === 'moved') project = { ...project, dataset: { ...project.dataset!, path: dataset.path } };
  return { path, project, dataset };
}

/**
 * Points the project at the file the user located. The same bytes: done. Different bytes: refused unless the
 * user accepted the change (the check's message says what it means).
 */
export async function relocateDataset(project: ProjectFile, newPath: string, options: { acceptChanged?: boolean } = {}): Promise<{ project: ProjectFile; check: DatasetCheck }> {
  if (!project.dataset) throw new UserFacingError('no-dataset', 'This project has no data file to locate yet. Open a data file first.');
  if (!(await isFile(newPath))) throw new UserFacingError('not-a-file', `${newPath} is not a file. Choose the data file (${project.dataset.name}).`);
  const absolute = resolve(newPath);
  const actual = await sha256OfFile(absolute);
  const reference = { ...project.dataset, path: absolute, name: basename(absolute) };
  if (actual === project.dataset.sha256) return { project: { ...project, dataset: reference }, check: { status: 'ok', path: absolute } };
  const check: DatasetCheck = {
    status: 'changed',
    path: absolute,
    expectedSha256: project.dataset.sha256,
    actualSha256: actual,
    message: `${basename(absolute)} is not the file this project was trained on (its SHA-256 differs). Use it anyway? The saved runs stay as they are; new runs will train on it.`,
  };
  if (!options.acceptChanged) return { project, check };
  const stats = await stat(absolute);
  return { project: { ...project, dataset: { ...reference, sha256: actual, bytes: stats.size } }, check: { status: 'ok', path: absolute } };
}

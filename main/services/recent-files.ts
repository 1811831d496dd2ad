/**
 * The files the user opened by path, newest first, kept in a small JSON file in the user's settings folder.
 * A missing or damaged file means "no recent files": it is never a reason to fail.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { RecentFile } from '../api/contract.ts';
import { v } from '../api/validate.ts';

const stored = v.array(v.object({ path: v.string({ min: 1, max: 4096 }), name: v.string({ max: 1024 }), openedAt: v.string({ max: 64 }) }), {
  max: 1000,
});

export class RecentFiles {
  private cache: RecentFile[] | null = null;

  constructor(
    private readonly file: string,
    private readonly max = 10,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(): Promise<RecentFile[]> {
    if (!this.cache) {
      try {
        this.cache = stored.parse(JSON.parse(await readFile(this.file, 'utf8'))).slice(0, this.max);
      } catch {
        this.cache = [];
      }
    }
    return [...this.cache];
  }

  /** Puts `path` first (once) and saves; returns the new list. */
  async add(path: string): Promise<RecentFile[]> {
    const others = (await this.list()).filter((entry) => entry.path !== path);
    this.cache = [{ path, name: basename(path), openedAt: this.now().toISOString() }, ...others].slice(0, this.max);
    await mkdir(dirname(this.file), { recursive: true });
    // Write then rename: a crash mid-write leaves the old list, not half a file.
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(this.cache, null, 2));
    await rename(temporary, this.file);
    return [...this.cache];
  }
}

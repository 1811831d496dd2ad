/**
 * A hash table from byte strings to codes, so repeated cells of a file are recognised from their bytes without
 * building a JavaScript string each time. Open addressing with linear probing; keys live in one growing arena.
 */
export class ByteDictionary {
  // Small to start, doubling as it fills: every column of a 200,000-column file has one, most with a value or two.
  private slots = new Int32Array(16);
  private mask = 15;
  private hashes = new Int32Array(8);
  private offsets = new Int32Array(8);
  private lengths = new Int32Array(8);
  private values = new Int32Array(8);
  private arena = new Uint8Array(64);
  private arenaUsed = 0;
  size = 0;

  /** The code stored for `bytes[start, end)`, or -1. */
  get(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(bytes, start, end);
    const length = end - start;
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] === hash && this.lengths[entry] === length && this.sameBytes(entry, bytes, start, length)) return this.values[entry]!;
    }
  }

  /** Stores `code` for a key that `get` did not find. */
  set(bytes: Uint8Array, start: number, end: number, code: number): void {
    const length = end - start;
    if (this.size === this.hashes.length) this.growEntries();
    if (this.arenaUsed + length > this.arena.length) this.growArena(length);
    const entry = this.size++;
    const hash = hashBytes(bytes, start, end);
    this.hashes[entry] = hash;
    this.offsets[entry] = this.arenaUsed;
    this.lengths[entry] = length;
    this.values[entry] = code;
    this.arena.set(bytes.subarray(start, end), this.arenaUsed);
    this.arenaUsed += length;
    if (this.size * 2 > this.slots.length) this.rehash();
    else this.place(entry, hash);
  }

  private sameBytes(entry: number, bytes: Uint8Array, start: number, length: number): boolean {
    const arena = this.arena;
    const offset = this.offsets[entry]!;
    for (let k = 0; k < length; k++) if (arena[offset + k] !== bytes[start + k]) return false;
    return true;
  }

  private place(entry: number, hash: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = entry + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.mask = this.slots.length - 1;
    for (let entry = 0; entry < this.size; entry++) this.place(entry, this.hashes[entry]!);
  }

  private growEntries(): void {
    const grow = (a: Int32Array) => {
      const next = new Int32Array(a.length * 2);
      next.set(a);
      return next;
    };
    this.hashes = grow(this.hashes);
    this.offsets = grow(this.offsets);
    this.lengths = grow(this.lengths);
    this.values = grow(this.values);
  }

  private growArena(needed: number): void {
    const next = new Uint8Array(Math.max(this.arena.length * 2, this.arenaUsed + needed));
    next.set(this.arena.subarray(0, this.arenaUsed));
    this.arena = next;
  }
}

/** FNV-1a, 32 bits, as a signed int32: the value the Int32Array of hashes gives back (even for an empty key). */
function hashBytes(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) hash = Math.imul(hash ^ bytes[i]!, 0x01000193);
  return hash;
}

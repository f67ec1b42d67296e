/**
 * A map from text keys (户编号) to the row where each first appeared, for a whole file, kept
 * compact: the keys' UTF-8 bytes one after the other in one buffer, and an open-addressing hash
 * table of typed arrays — 40 to 60 bytes per key with the room kept for growth (a 20-character
 * 户编号), against about 75 in a Map of strings — and outside the V8 heap, which V8 lets grow to
 * a multiple of what is live before it collects: what a million-person import remembers of the
 * whole file stays out of that multiplication.
 *
 * @example
 *   const seen = new KeyRows();
 *   seen.set('H0001', 2);
 *   seen.get('H0001'); // 2
 *   seen.has('H0002'); // false
 */
export class KeyRows {
  /** The keys' bytes, key i at bytes[starts[i], starts[i + 1]). */
  private bytes = Buffer.alloc(1 << 16);
  private used = 0;
  private starts = new Int32Array(1 << 12);
  private rows = new Float64Array(1 << 12);
  /** Open addressing: slot → key index + 1 (0 = empty); a power of two, at most half full. */
  private slots = new Int32Array(1 << 13);
  private count = 0;
  private scratch = Buffer.alloc(256);

  get size(): number {
    return this.count;
  }

  has(key: string): boolean {
    return this.find(key) >= 0;
  }

  get(key: string): number | undefined {
    const i = this.find(key);
    return i < 0 ? undefined : this.rows[i];
  }

  /** Remembers `key` at `row` unless it is already there (the first row stays). */
  set(key: string, row: number): this {
    const length = this.encode(key);
    const hash = hashBytes(this.scratch, length);
    const mask = this.slots.length - 1;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s] as number;
      if (at === 0) break;
      if (this.equals(at - 1, length)) return this;
    }
    this.append(length, row);
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(this.count - 1, hash);
    return this;
  }

  /** The index of `key`, or -1. */
  private find(key: string): number {
    const length = this.encode(key);
    const mask = this.slots.length - 1;
    for (let s = hashBytes(this.scratch, length) & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s] as number;
      if (at === 0) return -1;
      if (this.equals(at - 1, length)) return at - 1;
    }
  }

  /** Writes `key` as UTF-8 into the scratch buffer; returns its length in bytes. */
  private encode(key: string): number {
    const need = Buffer.byteLength(key);
    if (need > this.scratch.length) this.scratch = Buffer.alloc(need * 2);
    return this.scratch.write(key);
  }

  private equals(i: number, length: number): boolean {
    const start = this.starts[i] as number;
    const end = i + 1 < this.count ? (this.starts[i + 1] as number) : this.used;
    return end - start === length && this.bytes.compare(this.scratch, 0, length, start, end) === 0;
  }

  private append(length: number, row: number): void {
    if (this.used + length > this.bytes.length) {
      const grown = Buffer.alloc(Math.max(this.bytes.length * 2, this.used + length));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts, new Int32Array(this.count * 2));
      this.rows = grow(this.rows, new Float64Array(this.count * 2));
    }
    this.scratch.copy(this.bytes, this.used, 0, length);
    this.starts[this.count] = this.used;
    this.rows[this.count] = row;
    this.used += length;
    this.count++;
  }

  private place(i: number, hash: number): void {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = i + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let i = 0; i < this.count; i++) {
      const start = this.starts[i] as number;
      const end = i + 1 < this.count ? (this.starts[i + 1] as number) : this.used;
      this.place(i, hashBytes(this.bytes, end - start, start));
    }
  }
}

function grow<A extends Int32Array | Float64Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

/** FNV-1a over bytes[start, start + length), 32 bits. */
function hashBytes(bytes: Uint8Array, length: number, start = 0): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + length; i++) h = Math.imul(h ^ (bytes[i] as number), 0x01000193);
  return h >>> 0;
}

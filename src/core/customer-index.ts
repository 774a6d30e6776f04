/**
 * Dense numbers 0, 1, 2… for customer ids in order of first appearance, grouped exactly as the
 * contract groups them: no trimming, case matters, and the number 1001 and the text "1001" are
 * two customers.
 *
 * Why not a Map for text ids: Excel hands every call new strings, so a Map hashes each one and
 * then chases its entry chain; a million lookups over 200,000 ids took 450–750 ms here. This
 * table keeps, per slot, the FNV-1a hash, the index and where a copy of the text's characters is
 * in one pool (linear probing, at most half full), and compares the text only when the hashes
 * agree. Time here goes to reading memory at random places, not to hashing (20 ms of 400): the
 * copy in the pool is one such read where the kept string (its pointer in `ids`, then its
 * characters) was two. Number ids go through a Map, which is quick for them.
 */
/** Int32s per slot of the table: hash, 1 + number, start of the characters, and one spare to keep slots 16 bytes. */
const SLOT = 4;

export class CustomerIndex {
  /** The ids, each once, by their number. */
  readonly ids: (string | number)[] = [];
  private mask = (1 << 12) - 1;
  /** Per slot: the hash of its text, 1 + the id's number (0: an empty slot), and where its characters start in `chars`. */
  private table = new Int32Array((this.mask + 1) * SLOT);
  /** The texts' characters, one after another; each text's length is kept before them. */
  private chars = new Uint16Array(1 << 14);
  private used = 0;
  private numbers: Map<number, number> | undefined;

  get size(): number {
    return this.ids.length;
  }

  /** The id's number, a new one when it was not seen before. */
  indexOf(id: string | number): number {
    return typeof id === "string" ? this.textIndex(id) : this.numberIndex(id);
  }

  private numberIndex(id: number): number {
    const numbers = (this.numbers ??= new Map());
    let g = numbers.get(id);
    if (g === undefined) {
      g = this.ids.length;
      numbers.set(id, g);
      this.ids.push(id);
    }
    return g;
  }

  private textIndex(id: string): number {
    const length = id.length;
    let h = 0x811c9dc5 | 0;
    for (let i = 0; i < length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    const t = this.table;
    const mask = this.mask;
    let slot = (h ^ (h >>> 16)) & mask;
    for (;;) {
      const at = slot * SLOT;
      const v = t[at + 1];
      if (v === 0) break;
      if (t[at] === h && this.sameText(t[at + 2], id)) return v - 1;
      slot = (slot + 1) & mask;
    }
    const g = this.ids.length;
    this.ids.push(id);
    const at = slot * SLOT;
    t[at] = h;
    t[at + 1] = g + 1;
    t[at + 2] = this.keep(id);
    if (2 * this.ids.length > mask) this.grow();
    return g;
  }

  private sameText(start: number, id: string): boolean {
    const c = this.chars;
    if (c[start] !== (id.length & 0xffff) || c[start + 1] !== id.length >>> 16) return false;
    for (let i = 0; i < id.length; i++) if (c[start + 2 + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  /** Copies the text's length (two code units) and characters into the pool; returns where they start. */
  private keep(id: string): number {
    const need = this.used + 2 + id.length;
    if (need > this.chars.length) {
      const grown = new Uint16Array(Math.max(need, 2 * this.chars.length));
      grown.set(this.chars.subarray(0, this.used));
      this.chars = grown;
    }
    const c = this.chars;
    const start = this.used;
    c[start] = id.length & 0xffff;
    c[start + 1] = id.length >>> 16;
    for (let i = 0; i < id.length; i++) c[start + 2 + i] = id.charCodeAt(i);
    this.used = need;
    return start;
  }

  private grow(): void {
    const old = this.table;
    const mask = (this.mask + 1) * 2 - 1;
    const t = new Int32Array((mask + 1) * SLOT);
    for (let s = 0; s <= this.mask; s++) {
      const v = old[s * SLOT + 1];
      if (v === 0) continue;
      const h = old[s * SLOT];
      let slot = (h ^ (h >>> 16)) & mask;
      while (t[slot * SLOT + 1] !== 0) slot = (slot + 1) & mask;
      t.set(old.subarray(s * SLOT, s * SLOT + SLOT), slot * SLOT);
    }
    this.mask = mask;
    this.table = t;
  }
}

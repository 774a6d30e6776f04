/**
 * Dense numbers 0, 1, 2… for pairs of numbers (a, b) in order of first appearance, equal as a Map
 * keys them (0 and −0 are one key; NaN is never a key here: callers keep such rows as errors).
 *
 * Why not nested Maps: a Map hashes a non-integer number as a heap object, and the customer-base
 * functions look up a pair per row: (x, T) for a million customers cost more than their model
 * arithmetic. This table hashes the pair's bits and keeps keys and indexes in typed arrays
 * (linear probing, at most half full), so a lookup is a few integer operations and two compares.
 */
export class PairIndex {
  /** The pairs, each once, by their number. */
  private as = new Float64Array(1024);
  private bs = new Float64Array(1024);
  private count = 0;
  private mask = (1 << 11) - 1;
  /** Per slot: 1 + the pair's number (0: an empty slot). */
  private slots = new Int32Array(this.mask + 1);
  private readonly scratch = new Float64Array(2);
  private readonly words = new Int32Array(this.scratch.buffer);

  get size(): number {
    return this.count;
  }

  /** The pairs' first numbers by pair number (a view: valid up to size, until the next new pair). */
  firsts(): Float64Array {
    return this.as.subarray(0, this.count);
  }

  /** The pairs' second numbers, as firsts. */
  seconds(): Float64Array {
    return this.bs.subarray(0, this.count);
  }

  /** The pair's number, a new one when it was not seen before. */
  indexOf(a: number, b: number): number {
    const mask = this.mask;
    let slot = this.hash(a, b) & mask;
    for (;;) {
      const v = this.slots[slot];
      if (v === 0) break;
      if (this.as[v - 1] === a && this.bs[v - 1] === b) return v - 1;
      slot = (slot + 1) & mask;
    }
    return this.add(a, b, slot);
  }

  private add(a: number, b: number, slot: number): number {
    const k = this.count++;
    if (k === this.as.length) {
      const as = new Float64Array(2 * k);
      const bs = new Float64Array(2 * k);
      as.set(this.as);
      bs.set(this.bs);
      this.as = as;
      this.bs = bs;
    }
    this.as[k] = a;
    this.bs[k] = b;
    this.slots[slot] = k + 1;
    if (2 * this.count > this.mask) this.grow();
    return k;
  }

  private grow(): void {
    const mask = 2 * (this.mask + 1) - 1;
    const slots = new Int32Array(mask + 1);
    this.mask = mask;
    this.slots = slots;
    for (let k = 0; k < this.count; k++) {
      let slot = this.hash(this.as[k], this.bs[k]) & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = k + 1;
    }
  }

  private hash(a: number, b: number): number {
    // + 0 turns −0 into 0, so that both hash alike (=== already finds them equal)
    const s = this.scratch;
    s[0] = a + 0;
    s[1] = b + 0;
    const w = this.words;
    const h = Math.imul(w[0] ^ Math.imul(w[1], 0x9e3779b1), 0x85ebca6b) ^ Math.imul(w[2] ^ Math.imul(w[3], 0x27d4eb2f), 0xc2b2ae35);
    return h ^ (h >>> 15);
  }
}

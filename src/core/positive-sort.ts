/**
 * Ascending sort of positive doubles by LSD radix on their bits: for positive finite doubles the
 * IEEE bit pattern read as an unsigned integer orders exactly as the numbers do, so four 16-bit
 * counting passes give the same array as Float64Array.prototype.sort, in a fraction of its time
 * on a million values (ABC analysis sorts every positive value once). Passes whose digit is the
 * same for every value are skipped. Small arrays use the native sort.
 */

const DIGIT_BITS = 16;
const BUCKETS = 1 << DIGIT_BITS;
const MASK = BUCKETS - 1;
const NATIVE_BELOW = 2048;

/** Sorts `values` (every one > 0 and finite, not checked) ascending, in place. */
export function sortPositive(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < NATIVE_BELOW) return values.sort();
  // 4 digits per value: low word's low/high half, then the high word's (little-endian words).
  const counts = new Int32Array(4 * BUCKETS);
  let words: Uint32Array = new Uint32Array(values.buffer, values.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const lo = words[2 * i];
    const hi = words[2 * i + 1];
    counts[lo & MASK]++;
    counts[BUCKETS + (lo >>> DIGIT_BITS)]++;
    counts[2 * BUCKETS + (hi & MASK)]++;
    counts[3 * BUCKETS + (hi >>> DIGIT_BITS)]++;
  }
  let src: Float64Array = values;
  let dst: Float64Array = new Float64Array(n);
  let dstWords: Uint32Array = new Uint32Array(dst.buffer);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * BUCKETS;
    const word = pass >> 1;
    const shift = (pass & 1) * DIGIT_BITS;
    // Exclusive prefix sums into start positions; a digit shared by all values changes nothing.
    let sum = 0;
    let single = false;
    for (let d = 0; d < BUCKETS; d++) {
      const c = counts[base + d];
      if (c === n) single = true;
      counts[base + d] = sum;
      sum += c;
    }
    if (single) continue;
    for (let i = 0; i < n; i++) {
      const d = (words[2 * i + word] >>> shift) & MASK;
      dst[counts[base + d]++] = src[i];
    }
    const t = src;
    src = dst;
    dst = t;
    words = dstWords;
    dstWords = new Uint32Array(dst.buffer, dst.byteOffset, 2 * n);
  }
  if (src !== values) values.set(src);
  return values;
}

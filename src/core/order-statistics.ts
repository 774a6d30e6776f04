/**
 * The k-th smallest values of a column without sorting it: RFM breakpoints and pyramid tiers need
 * only a handful of order statistics, and selecting them is O(n) expected (a full sort of a
 * million doubles costs several times more). Quickselect with Hoare partitioning, which keeps
 * columns full of ties balanced; a range that is not shrinking fast enough is simply sorted, so
 * the worst case stays O(n log n).
 */

function median3(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}

/** Puts the k-th smallest of scratch[lo..hi] (inclusive) at index k, smaller ones left, larger right. */
function selectInPlace(scratch: Float64Array, k: number, lo: number, hi: number): void {
  let budget = 2 * Math.ceil(Math.log2(hi - lo + 2)) + 8;
  while (hi > lo) {
    if (hi - lo < 16 || budget-- <= 0) {
      scratch.subarray(lo, hi + 1).sort();
      return;
    }
    const pivot = median3(scratch[lo], scratch[(lo + hi) >>> 1], scratch[hi]);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (scratch[i] < pivot) i++;
      while (scratch[j] > pivot) j--;
      if (i <= j) {
        const t = scratch[i];
        scratch[i] = scratch[j];
        scratch[j] = t;
        i++;
        j--;
      }
    }
    // Now [lo..j] ≤ pivot ≤ [i..hi], and everything strictly between j and i equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

function selectMany(scratch: Float64Array, ks: readonly number[], from: number, to: number, lo: number, hi: number): void {
  if (from > to) return;
  const mid = (from + to) >>> 1;
  const k = ks[mid];
  selectInPlace(scratch, k, lo, hi);
  selectMany(scratch, ks, from, mid - 1, lo, k - 1);
  selectMany(scratch, ks, mid + 1, to, k + 1, hi);
}

/**
 * The values at 0-based ranks `ranks` (0 = smallest) of `scratch`, which is reordered (pass a
 * copy). Ranks may repeat and come in any order; each must be within 0..length − 1. The values
 * must not be NaN.
 */
export function orderStatistics(scratch: Float64Array, ranks: readonly number[]): Float64Array {
  const unique = [...new Set(ranks)].sort((a, b) => a - b);
  if (unique.length && (unique[0] < 0 || unique[unique.length - 1] >= scratch.length)) throw new RangeError("rank out of range");
  selectMany(scratch, unique, 0, unique.length - 1, 0, scratch.length - 1);
  return Float64Array.from(ranks, (k) => scratch[k]);
}

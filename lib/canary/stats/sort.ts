/**
 * In-place ascending sort for NaN-free Float64Arrays. The judge sorts two series per metric; the
 * built-in typed-array sort mispredicts a branch at almost every comparison on random data, which
 * made sorting the largest single cost of a judgement. This quicksort partitions branch-free
 * (Lomuto with an unconditional swap), gathers runs of values equal to the pivot so that series full
 * of repeated values (error counts, mostly zero) stay O(n log n), and hands anything that still
 * recurses too deep to the built-in sort.
 */

const SMALL = 24;

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i] as number;
    let j = i - 1;
    while (j >= lo && (a[j] as number) > v) {
      a[j + 1] = a[j] as number;
      j--;
    }
    a[j + 1] = v;
  }
}

/** Median of first, middle and last, moved to hi − 1. */
function choosePivot(a: Float64Array, lo: number, hi: number): number {
  const mid = (lo + hi) >> 1;
  const x = a[lo] as number;
  const y = a[mid] as number;
  const z = a[hi - 1] as number;
  const p = x < y ? (y < z ? mid : x < z ? hi - 1 : lo) : x < z ? lo : y < z ? hi - 1 : mid;
  const pivot = a[p] as number;
  a[p] = z;
  a[hi - 1] = pivot;
  return pivot;
}

/** Moves the values of [lo, hi) for which `below(v)` holds to the front; returns where they end. */
function partitionLess(a: Float64Array, lo: number, hi: number, pivot: number): number {
  let j = lo;
  for (let i = lo; i < hi; i++) {
    const v = a[i] as number;
    const smaller = +(v < pivot);
    a[i] = a[j] as number;
    a[j] = v;
    j += smaller;
  }
  return j;
}

function partitionNotGreater(a: Float64Array, lo: number, hi: number, pivot: number): number {
  let j = lo;
  for (let i = lo; i < hi; i++) {
    const v = a[i] as number;
    const notGreater = +(v <= pivot);
    a[i] = a[j] as number;
    a[j] = v;
    j += notGreater;
  }
  return j;
}

function quicksort(a: Float64Array, from: number, to: number, depth: number): void {
  let lo = from;
  let hi = to;
  while (hi - lo > SMALL) {
    if (depth-- === 0) {
      a.subarray(lo, hi).sort();
      return;
    }
    const pivot = choosePivot(a, lo, hi);
    // [lo, less) < pivot; the pivot itself sits at hi − 1.
    const less = partitionLess(a, lo, hi - 1, pivot);
    a[hi - 1] = a[less] as number;
    a[less] = pivot;
    let equalEnd = less + 1;
    // A lopsided split usually means many copies of the pivot: gather them so they are not sorted again.
    if (hi - equalEnd > 4 * (less - lo)) equalEnd = partitionNotGreater(a, equalEnd, hi, pivot);
    if (less - lo < hi - equalEnd) {
      quicksort(a, lo, less, depth);
      lo = equalEnd;
    } else {
      quicksort(a, equalEnd, hi, depth);
      hi = less;
    }
  }
  insertionSort(a, lo, hi);
}

/** Sorts `a` ascending in place and returns it. `a` must not contain NaN. */
export function sortAscending(a: Float64Array): Float64Array {
  // Monotone series (counters, steady growth) are common and need no partitioning work at all.
  let ascending = true;
  let descending = true;
  for (let i = 1; i < a.length && (ascending || descending); i++) {
    const step = (a[i] as number) - (a[i - 1] as number);
    if (step < 0) ascending = false;
    else if (step > 0) descending = false;
  }
  if (ascending) return a;
  if (descending) return a.reverse();
  quicksort(a, 0, a.length, 2 * Math.ceil(Math.log2(a.length + 1)) + 8);
  return a;
}

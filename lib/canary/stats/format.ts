/**
 * Number formatting for reason texts: short by default, but never so short that two different
 * numbers being compared ("lower limit 17.9004 is above the bound 17.9001") print the same.
 */

function trimmed(x: number, digits: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e15) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return x.toExponential(Math.max(0, digits - 1)).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(digits)));
}

/** Formats with 4 significant digits; null, NaN and infinities read as "n/a" / "∞". */
export function formatNumber(x: number | null, digits = 4): string {
  if (x === null || Number.isNaN(x)) return 'n/a';
  if (!Number.isFinite(x)) return x > 0 ? '∞' : '−∞';
  return trimmed(x, digits);
}

/** Formats two numbers that are compared with each other, adding digits until they differ if they do. */
export function formatCompared(a: number, b: number): [string, string] {
  let digits = 4;
  let fa = formatNumber(a, digits);
  let fb = formatNumber(b, digits);
  while (fa === fb && a !== b && digits < 17) {
    digits++;
    fa = formatNumber(a, digits);
    fb = formatNumber(b, digits);
  }
  return [fa, fb];
}

/** 0.25 → "25%", 0.975 → "97.5%". */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toPrecision(6))}%`;
}

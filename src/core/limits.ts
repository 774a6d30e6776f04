/**
 * Bounds on count-like arguments (the contract's conventions): each keeps one call fast and its
 * memory proportional to its inputs. `periods` and horizons: at most a century of months.
 */
import { numError } from "./errors";

export const MAX_PERIODS = 1200;

/**
 * A whole-number count within min..max, else #NUM! naming the argument. Checked before anything
 * is allocated for it, so 1E9 or 2^32 periods never reach an array length.
 */
export function checkCount(value: number, name: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw numError(`${name} must be a whole number from ${min} to ${max.toLocaleString("en-US")} (got ${value})`);
  }
  return value;
}

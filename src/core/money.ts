/**
 * Decimal arithmetic for money. One configured Decimal constructor for the whole project, so
 * every family rounds the same way; results leave the core as plain numbers.
 */
import DecimalBase from "decimal.js";

export const Decimal = DecimalBase.clone({ precision: 40, rounding: DecimalBase.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export type DecimalLike = Decimal | number | string;

export function dec(x: DecimalLike): Decimal {
  return x instanceof Decimal ? x : new Decimal(x);
}

export function sum(values: Iterable<DecimalLike>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total;
}

/** The nearest JavaScript number; decimal intermediate results never leak NaN or Infinity. */
export function toNumber(x: Decimal): number {
  return x.toNumber();
}

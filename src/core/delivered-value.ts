/**
 * Customer delivered value (顾客让渡价值, Kotler): total customer value (product, service,
 * personnel and image value …) minus total customer cost (money, time, energy and psychic cost …),
 * or their ratio. Amounts are summed as decimals.
 */
import { divError, numError, valueError } from "./errors";
import { sum, toNumber } from "./money";

export type DeliveredOutput = "difference" | "ratio";

/** "difference"/"ratio", also in Chinese (差额/差值, 比值/比率) and any case. */
export function deliveredOutput(text: string): DeliveredOutput {
  const t = text.trim().toLowerCase();
  if (t === "difference" || t === "差额" || t === "差值") return "difference";
  if (t === "ratio" || t === "比值" || t === "比率") return "ratio";
  throw valueError(`output must be "difference" or "ratio", not "${text}"`);
}

function checkAmounts(xs: readonly number[], name: string): void {
  xs.forEach((x, i) => {
    if (!(x >= 0)) throw numError(`${xs.length === 1 ? name : `${name} value ${i + 1}`} must not be negative (got ${x})`);
  });
}

export function deliveredValue(values: readonly number[], costs: readonly number[], output: DeliveredOutput = "difference"): number {
  checkAmounts(values, "values");
  checkAmounts(costs, "costs");
  const value = sum(values);
  const cost = sum(costs);
  if (output === "difference") return toNumber(value.minus(cost));
  if (cost.isZero()) throw divError("costs add up to 0, so value ÷ cost has no meaning");
  return toNumber(value.div(cost));
}

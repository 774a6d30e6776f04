/**
 * The only formulas the add-in writes are the ones a person asks for in the function explorer,
 * put into the cell they selected (WorkbookPort.insertFormula). Every other write is values, and
 * text-guard.ts keeps text from turning into a formula there.
 */

/** Excel's limit on the length of a formula's text. */
export const MAX_FORMULA_LENGTH = 8_192;

/** Refuses what is not a formula (a value would need write()) or is longer than Excel accepts. */
export function checkFormula(formula: string): void {
  if (typeof formula !== "string" || !formula.startsWith("=") || formula.trim() === "=") {
    throw new Error(`公式须以 = 开头 / A formula starts with "=": ${JSON.stringify(String(formula)).slice(0, 80)}`);
  }
  if (formula.length > MAX_FORMULA_LENGTH) {
    throw new Error(`公式超过 ${MAX_FORMULA_LENGTH} 个字符 / The formula is longer than Excel's ${MAX_FORMULA_LENGTH} characters`);
  }
}

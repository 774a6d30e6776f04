/** What a value typed into a preview cell becomes: blank, a number ("12", "-3.5", "10%"), TRUE/FALSE, else text as typed. */
import type { CellValue } from "../../workbook/types";
import { parseNumber } from "../workflows/options";

export function typedValue(text: string): CellValue {
  if (text.trim() === "") return null;
  const upper = text.trim().toUpperCase();
  if (upper === "TRUE" || upper === "FALSE") return upper === "TRUE";
  return parseNumber(text) ?? text;
}

/**
 * The LibreOffice harness itself: it opens the committed exercise workbook, recalculates it and
 * reports its plain formulas with the values the generator cached for them.
 */
import * as path from "path";
import { describeWithLibreOffice, LoWorkbook, openInLibreOffice } from "../support/libreoffice";

jest.setTimeout(240_000);

describeWithLibreOffice("LibreOffice opens what the add-in ships", () => {
  let book: LoWorkbook;
  beforeAll(async () => {
    book = await openInLibreOffice(path.resolve(__dirname, "../../assets/samples/exercises.xlsx"));
  });

  test("every sheet is read with its formulas, recalculated", () => {
    expect(book.sheets.length).toBeGreaterThan(5);
    const clv = book.sheets[0];
    const formulas = Object.values(clv.cells).filter((c) => c.f !== undefined);
    expect(formulas.length).toBeGreaterThan(10);
    // A plain formula recomputes to a number; a CRM function is unknown to LibreOffice.
    expect(formulas.some((c) => typeof c.v === "number" && c.f!.startsWith("=") && !/CRM\./i.test(c.f!))).toBe(true);
  });

  test("the lifecycle sheet draws the four patterns as a native chart; no other sheet has one", () => {
    const charted = book.sheets.filter((s) => s.charts > 0).map((s) => [s.name, s.charts]);
    expect(charted).toEqual([["生命周期 Lifecycle", 1]]);
  });
});

/**
 * What a formula engine can get wrong, pinned on the book the preview, the generator and the help
 * examples share: Excel's operator precedence and coercions, references across quoted sheet
 * names, array constants, error values, unknown names, circular references, and recalculating
 * the dependents of an edited cell. Expected values are Excel's (and LibreOffice's).
 */
import { Cell, FormulaError, Scalar } from "../explorer/formula";
import { CalcBook, evaluateFormula } from "./calc-book";

const calc = (formula: string) => evaluateFormula(formula, undefined);

/** A book from cells by sheet and address: "=…" a formula, anything else a constant. */
function book(cells: Record<string, Record<string, Scalar | null>>): CalcBook {
  const b = new CalcBook();
  for (const [sheet, byAddr] of Object.entries(cells)) {
    for (const [addr, v] of Object.entries(byAddr)) b.put(sheet, addr, typeof v === "string" && v.startsWith("=") ? { formula: v.slice(1) } : { value: v });
  }
  b.calculate();
  return b;
}

const code = (c: Cell | Cell[][]) => (c instanceof FormulaError ? c.code : c);

describe("operators as Excel computes them", () => {
  test.each([
    ["=-2^2", 4],
    ["=2^-1", 0.5],
    ["=-2^-2", 0.25],
    ["=2^3^2", 64],
    ["=1+2%", 1.02],
    ["=50%*2", 1],
    ["=-3%", -0.03],
    ["=2*3^2", 18],
    ["=1+2*3-4/2", 5],
    ["=(1+2)*3", 9],
    ['="a"&1', "a1"],
    ['="a"&TRUE', "aTRUE"],
    ["=1&2+3", "15"],
    ['="a"="A"', true],
    ['="b">"A"', true],
    ['=1<"a"', true],
    ['="a"<TRUE', true],
    ["=1=1=TRUE", true],
    ["=TRUE+1", 2],
    ["=true", true],
    ['="3"+1', 4],
    ["=--TRUE", 1],
  ])("%s", (formula, expected) => {
    const v = calc(formula);
    if (typeof expected === "number") expect(v).toBeCloseTo(expected, 12);
    else expect(v).toBe(expected);
  });

  test("array constants and arithmetic element by element", () => {
    expect(calc("={1,2;3,4}")).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(calc("=SUM({1,2;3,4})")).toBe(10);
    expect(calc("={1,2}+{10;20}")).toEqual([
      [11, 12],
      [21, 22],
    ]);
    expect(calc("=SUMPRODUCT(ABS({1,5}-{3,2}))")).toBe(5);
    expect(calc('=MATCH("B",{"A","B","C"},0)')).toBe(2);
  });

  test("errors are values that propagate, and name their cause", () => {
    expect(code(calc("=1/0"))).toBe("#DIV/0!");
    expect(code(calc("=(1/0)+1"))).toBe("#DIV/0!");
    expect(code(calc('="x"+1'))).toBe("#VALUE!");
    expect(code(calc("=#N/A"))).toBe("#N/A");
    expect(code(calc("=ROUND(NA(),2)"))).toBe("#N/A");
    expect(calc("=IFERROR(1/0,7)")).toBe(7);
    expect(calc("=ISERROR(NA())")).toBe(true);
    expect(code(calc("=SQRT(-1)"))).toBe("#NUM!");
    expect(code(calc("=NOSUCHFUNCTION(1)"))).toBe("#NAME?");
    expect(code(calc("=CRM.NOSUCH(1)"))).toBe("#NAME?");
  });

  test("left-out arguments keep their place, first ones included", () => {
    expect(calc("=IF(FALSE,1,)")).toBe(0);
    expect(calc("=ROUND(2.5,)")).toBe(3);
    expect(calc("=CHOOSE(2,,7)")).toBe(7);
  });

  test("numbers as Excel reads them: .5, 1e3, 2E-1; quoted text and sheet names untouched", () => {
    expect(calc("=.5+1e3")).toBe(1000.5);
    expect(calc("=-.25*2E1")).toBe(-5);
    expect(calc("=1.5e-1")).toBe(0.15);
    expect(calc('="x.5 1e3"')).toBe("x.5 1e3");
    expect(calc('=LEN(".5")')).toBe(2);
  });

  test("functions newer than Excel 2007 as the file stores them", () => {
    expect(calc("=_xlfn.MAXIFS({1,5,3},{1,0,1},1)")).toBe(3);
  });
});

describe("a book", () => {
  test("ranges on other sheets, names quoted or not", () => {
    const b = book({ "Sheet 1": { A1: 1, B1: 2, A2: 3, B2: 4 }, "It's": { A1: 10 }, 数据: { A1: 100 }, Out: { A1: "=SUM('Sheet 1'!A1:B2)", A2: "='It''s'!A1+数据!A1", A3: "=SUM('Sheet 1'!B2:A1)", A4: "=SUMPRODUCT('Sheet 1'!A1:A2*'Sheet 1'!B1:B2)" } });
    expect(b.value("Out", "A1")).toBe(10);
    expect(b.value("Out", "A2")).toBe(110);
    expect(b.value("Out", "A3")).toBe(10);
    expect(b.value("Out", "A4")).toBe(14);
  });

  test("IF computes only the branch it takes", () => {
    const b = book({ S: { A1: 0, B1: "=IF(A1=0,\"none\",1/A1)", C1: "=IF(A1>0,C2,0)", C2: "=C1" } });
    expect(b.value("S", "B1")).toBe("none");
    // C1 reads C2 only when A1 > 0: no circle while it does not.
    expect(b.value("S", "C1")).toBe(0);
  });

  test("a blank cell is 0 and \"\" alike; ISNA sees an error cell", () => {
    const b = book({ S: { A1: '=B1=""', A2: "=B1=0", A3: "=B1+1", A4: '=B1&"x"', A5: "=ISNA(C1)", C1: "=NA()" } });
    expect(["A1", "A2", "A3", "A4", "A5"].map((a) => b.value("S", a))).toEqual([true, true, 1, "x", true]);
  });

  test("a missing sheet is #REF!, an unknown name #NAME?", () => {
    const b = book({ S: { A1: "=Nowhere!A1", A2: "=revenue*2", A3: "=SUM(1", A4: "=A1+1" } });
    expect(code(b.value("S", "A1"))).toBe("#REF!");
    expect(code(b.value("S", "A2"))).toBe("#NAME?");
    expect(code(b.value("S", "A3"))).toBe("#NAME?");
    expect(code(b.value("S", "A4"))).toBe("#REF!");
  });

  test("a circular reference is a clear error, not a hang", () => {
    const b = book({ S: { A1: "=B1+1", B1: "=A1*2", C1: "=C1" } });
    for (const addr of ["A1", "B1", "C1"]) {
      const v = b.value("S", addr);
      expect(v).toBeInstanceOf(FormulaError);
      expect((v as FormulaError).message).toMatch(/circular/);
    }
  });

  test("whole columns and rows (B:B, 2:2, Data!A:C) read the cells in use", () => {
    const b = book({
      Data: { A1: "id", B1: "amount", A2: "c1", B2: 10, A3: "c2", B3: 20, A4: "c1", B4: 5 },
      S: { A1: "=SUM(Data!B:B)", A2: '=SUMIF(Data!A:A,"c1",Data!B:B)', A3: '=VLOOKUP("c2",Data!A:B,2,FALSE)', A4: "=COUNT(Data!$B:$B)", A5: "=SUM(Data!3:3)", A6: '=COUNTIF(Data!A:A,"c1")', A7: "=MAX(Data!A:B)" },
    });
    expect(["A1", "A2", "A3", "A4", "A5", "A6", "A7"].map((a) => b.value("S", a))).toEqual([35, 15, 20, 3, 20, 2, 20]);
  });

  test("a value filled in below a whole column's cells recomputes the formulas that read it", () => {
    const b = book({ Data: { B1: 1, B2: 2 }, S: { A1: "=SUM(Data!B:B)", A2: "=A1*10", A3: "=SUM(Data!C:C)" } });
    expect(b.value("S", "A2")).toBe(30);
    const changed = b.edit([{ sheet: "Data", addr: "B50", def: { value: 7 } }]);
    expect(new Set(changed)).toEqual(new Set(["Data!B50", "S!A1", "S!A2"]));
    expect(b.value("S", "A1")).toBe(10);
    expect(b.value("S", "A2")).toBe(100);
  });

  test("a formula inside the whole column it sums is circular, as in Excel", () => {
    const b = book({ S: { B1: 1, B2: "=SUM(B:B)" } });
    expect((b.value("S", "B2") as FormulaError).message).toMatch(/circular/);
  });

  test("a lone column letter or a range mixing cells and columns is not a formula", () => {
    const b = book({ S: { A1: "=B", A2: "=SUM(A1:B)", A3: "=SUM(B:2)" } });
    for (const addr of ["A1", "A2", "A3"]) expect(code(b.value("S", addr))).toBe("#NAME?");
  });

  test("an edit recomputes exactly its dependents, through other formulas and sheets", () => {
    const b = book({ In: { A1: 2 }, S: { A1: "=In!A1*10", A2: "=A1+1", A3: "=ROUND(A2/3,2)", B1: "=5" } });
    expect(b.value("S", "A3")).toBe(7);
    const changed = b.edit([{ sheet: "In", addr: "A1", def: { value: 5 } }]);
    expect(new Set(changed)).toEqual(new Set(["In!A1", "S!A1", "S!A2", "S!A3"]));
    expect(b.value("S", "A3")).toBe(17);
    b.edit([{ sheet: "S", addr: "A1", def: { formula: "In!A1-1" } }]);
    expect(b.value("S", "A3")).toBe(1.67);
  });
});

import fc from "fast-check";
import { addressText, argumentFormulaText, argumentText, cellAddress, evaluate, FormulaError, FormulaSyntaxError, formulaText, parseArgument, parseFormula, referencesIn, splitCrmCall, fieldText, Value } from "./formula";

const calc = (text: string): Value => evaluate(parseFormula(text));

describe("formula reader", () => {
  test("numbers, percentages, text, booleans and Excel's operator precedence", () => {
    expect(calc("=8%")).toBeCloseTo(0.08, 12);
    expect(calc("=1+2*3")).toBe(7);
    expect(calc("=-2^2")).toBe(4);
    expect(calc("=2^3^2")).toBe(64);
    expect(calc('="a"&"b"&1')).toBe("ab1");
    expect(calc("=1/(1+8%)^2")).toBeCloseTo(0.857338820301783, 12);
    expect(calc("=3>2")).toBe(true);
    expect(calc('="ABC"="abc"')).toBe(true);
    expect(calc("=TRUE")).toBe(true);
    expect(calc('="say ""hi"""')).toBe('say "hi"');
  });

  test("array constants, and operators element by element", () => {
    expect(calc("={1,2,3;4,5,6}")).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(calc("={1,2,3}*2")).toEqual([[2, 4, 6]]);
    expect(calc('={-1,"x",TRUE}')).toEqual([[-1, "x", true]]);
    expect(calc("={0.9;0.8}")).toEqual([[0.9], [0.8]]);
  });

  test("errors are values, never exceptions, once parsed", () => {
    expect(calc("=1/0")).toEqual(new FormulaError("#DIV/0!", "division by zero"));
    expect(calc('=1+"x"')).toBeInstanceOf(FormulaError);
    expect(calc("=A1")).toBeInstanceOf(FormulaError);
    expect(calc("=SUM(1)")).toBeInstanceOf(FormulaError);
  });

  test("references and calls reach the environment", () => {
    const node = parseFormula("=CRM.CLV(B3, , Sheet2!B5:C6, 'My sheet'!$A$1)");
    expect(node).toEqual({
      kind: "call",
      name: "CRM.CLV",
      args: [
        { kind: "ref", sheet: undefined, from: { row: 2, column: 1 } },
        { kind: "missing" },
        { kind: "ref", sheet: "Sheet2", from: { row: 4, column: 1 }, to: { row: 5, column: 2 } },
        { kind: "ref", sheet: "My sheet", from: { row: 0, column: 0 } },
      ],
    });
    const v = evaluate(parseFormula("=SUM(A1:B1)*2"), {
      range: () => [[1, 2]],
      call: (name, args, ev) => (name === "SUM" ? (ev(args[0]) as number[][]).flat().reduce((a, b) => a + b, 0) : new FormulaError("#NAME?", name)),
    });
    expect(v).toBe(6);
  });

  test("the grammar's corners: left-out first arguments, TRUE in any case, error constants", () => {
    expect(parseFormula("=F(,1)")).toEqual({ kind: "call", name: "F", args: [{ kind: "missing" }, { kind: "number", value: 1 }] });
    expect(parseFormula("=F(G(,,2),)")).toEqual({
      kind: "call",
      name: "F",
      args: [{ kind: "call", name: "G", args: [{ kind: "missing" }, { kind: "missing" }, { kind: "number", value: 2 }] }, { kind: "missing" }],
    });
    expect(calc("=true")).toBe(true);
    expect(calc("=False")).toBe(false);
    expect(calc("=#DIV/0!")).toEqual(new FormulaError("#DIV/0!", "#DIV/0! written in the formula"));
    expect(parseFormula("='It''s'!A1:B2")).toEqual({ kind: "ref", sheet: "It's", from: { row: 0, column: 0 }, to: { row: 1, column: 1 } });
    expect(parseFormula("=B2:A1")).toEqual({ kind: "ref", sheet: undefined, from: { row: 0, column: 0 }, to: { row: 1, column: 1 } });
  });

  // Excel rejects these too; an array constant holds no percent sign ({1%,2%} is {0.01,0.02}).
  test("bad formulas are syntax errors", () => {
    for (const text of ["=", "=1+", "=(1", "={1,2;3}", "=CRM.CLV(1", '="open', "=1 2", "={A1}", "=(A1,B1)", "=A", "=A1:B", "=revenue", "=SUM(1))", "=1+2)", "={1%,2%}"]) expect(() => parseFormula(text)).toThrow(FormulaSyntaxError);
  });

  test("cell addresses both ways", () => {
    expect(cellAddress("B3")).toEqual({ row: 2, column: 1 });
    expect(cellAddress("$AA$10")).toEqual({ row: 9, column: 26 });
    expect(cellAddress("CRM")).toBeUndefined();
    expect(addressText(2, 1)).toBe("B3");
    fc.assert(fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 16383 }), (r, c) => expect(cellAddress(addressText(r, c))).toEqual({ row: r, column: c })));
  });
});

describe("explorer fields", () => {
  test("what a student types", () => {
    expect(parseArgument("")).toBeNull();
    expect(parseArgument("  8% ")).toBeCloseTo(0.08, 12);
    expect(parseArgument("-5")).toBe(-5);
    expect(parseArgument("1e3")).toBe(1000);
    expect(parseArgument("true")).toBe(true);
    expect(parseArgument("{8000,4500,5000,5200}")).toEqual([[8000, 4500, 5000, 5200]]);
    expect(parseArgument("0.9;0.8;0.6;0.3")).toEqual([[0.9], [0.8], [0.6], [0.3]]);
    expect(parseArgument("1, 2, 3")).toEqual([[1, 2, 3]]);
    expect(parseArgument("=1000*12")).toBe(12000);
    expect(parseArgument('"42"')).toBe("42");
  });

  test("texts stay texts: discount terms, grades, dates, languages", () => {
    for (const text of ["2/10, n/30", "6/10, 3/20, n/45", "2/10 net 30", "AA", "2024-03-31", "zh", "scores"]) expect(parseArgument(text)).toBe(text);
  });

  test("a formula's arguments read back as typed", () => {
    expect(argumentText(parseArgument("2/10, n/30"))).toBe('"2/10, n/30"');
    expect(argumentText(parseArgument("1;2"))).toBe("{1;2}");
    expect(argumentText(parseArgument("8%"))).toBe("0.08");
    expect(formulaText("CRM", "CLV", ["0.08", "10", "1000", "", ""])).toBe("=CRM.CLV(0.08, 10, 1000)");
    expect(formulaText("CRM", "CLV", ["0.08", "", "{1,2}"])).toBe("=CRM.CLV(0.08, , {1,2})");
  });

  test("a field as it goes into the formula", () => {
    expect(["8%", "2/10, n/30", "=B5:B14", "{1,2}", "1;2;3", "AA", "", '"x"', "TRUE"].map(argumentFormulaText)).toEqual(["8%", '"2/10, n/30"', "B5:B14", "{1,2}", "{1;2;3}", '"AA"', "", '"x"', "TRUE"]);
  });

  test("references are read through the environment", () => {
    const range = jest.fn(() => [[1], [2], [""]]);
    expect(parseArgument("='Sheet 1'!B5:B7", { range })).toEqual([[1], [2], [""]]);
    expect(range).toHaveBeenCalledWith("Sheet 1", { row: 4, column: 1 }, { row: 6, column: 1 });
    expect(referencesIn(parseFormula("=SUM(A1:A3)+B2*2")).map((r) => r.from)).toEqual([
      { row: 0, column: 0 },
      { row: 1, column: 1 },
    ]);
    expect(() => parseArgument("=B5")).toThrow(FormulaSyntaxError);
  });

  test("a pasted formula fills the fields as it was typed", () => {
    const call = splitCrmCall('=CRM.DISCOUNTCOST("6/10, 3/20, n/45", 2)');
    expect(call).toEqual({ id: "DISCOUNTCOST", args: ['"6/10, 3/20, n/45"', "2"] });
    expect(splitCrmCall("=CRM.CLV(20%, , {8000,4500}, B5:B8, SUM(A1,A2))")).toEqual({ id: "CLV", args: ["20%", "", "{8000,4500}", "B5:B8", "SUM(A1,A2)"] });
    expect(splitCrmCall("=crm.clv()")).toEqual({ id: "CLV", args: [] });
    expect(splitCrmCall("=SUM(1,2)")).toBeUndefined();
    expect(splitCrmCall('=CRM.CLV("x)')).toBeUndefined();
    expect(["8%", "", '"2/10, n/30"', "{1,2}", "B5:B8", "1000*12", "true"].map(fieldText)).toEqual(["8%", "", '"2/10, n/30"', "{1,2}", "=B5:B8", "=1000*12", "true"]);
    expect(parseArgument(fieldText('"2/10, n/30"'))).toBe("2/10, n/30");
  });

  test("no input makes the reader throw anything but a syntax error", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        try {
          parseArgument(text);
        } catch (e) {
          expect(e).toBeInstanceOf(FormulaSyntaxError);
        }
      }),
    );
  });
});

import fc from "fast-check";
import { isoToSerial } from "../core/dates";
import type { Language } from "../core/labels";
import { AGING } from "./aging";
import { CREDIT } from "./credit";
import type { WorkflowDefinition } from "./definition";
import { type FormValues, buildOptions, changeForm, defaultForm, parseList, parseNumber, percentText } from "./options";
import { WORKFLOW_DEFINITIONS } from "./registry";
import { RFM } from "./rfm";
import type { CommonOptions } from "./types";
import { VALUE } from "./value";

const ANY = (d: unknown) => d as WorkflowDefinition<CommonOptions>;
/** One form holding every workflow's defaults, as the tests of the old single form did. */
const form: FormValues = Object.assign({}, ...WORKFLOW_DEFINITIONS.map((d) => defaultForm(d, "zh", "2024-12-31")));
const rfmOptions = (f: FormValues, ui: Language) => buildOptions(RFM, f, ui, "customers");
const valueOptions = (f: FormValues, ui: Language) => buildOptions(VALUE, f, ui);
const agingOptions = (f: FormValues, ui: Language) => buildOptions(AGING, f, ui);
const creditOptions = (f: FormValues, ui: Language) => buildOptions(CREDIT, f, ui);
const withEdges = (f: FormValues, edges: string) => changeForm(ANY(AGING), f, "edges", edges);

describe("parseNumber", () => {
  test.each([
    ["12", 12],
    [" -3.5 ", -3.5],
    ["10%", 0.1],
    ["８０％", 0.8],
    [".5", 0.5],
  ])("%s → %s", (text, n) => expect(parseNumber(text)).toBeCloseTo(n, 12));

  test.each(["", "abc", "1,000", "10 %x", "1e999"])("%s is not a number", (text) => expect(parseNumber(text)).toBeUndefined());

  test("never gives NaN or Infinity", () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const n = parseNumber(s);
      return n === undefined || Number.isFinite(n);
    }));
  });
});

describe("parseList", () => {
  test("commas of either width, 、 and spaces separate", () => {
    expect(parseList("30, 60，90、120 150")).toEqual([30, 60, 90, 120, 150]);
    expect(parseList("1%, 5%")).toEqual([0.01, 0.05]);
  });
  test("one bad part spoils the list", () => {
    expect(parseList("30, x, 90")).toBeUndefined();
    expect(parseList("  ")).toBeUndefined();
  });
});

describe("options from the forms", () => {
  test("the default forms give the defaults", () => {
    expect(rfmOptions(form, "en")).toEqual({ ok: true, options: { language: "zh", mode: "customers", asOf: isoToSerial("2024-12-31"), bins: 5, scheme: "cn8" } });
    const value = valueOptions(form, "en");
    expect(value).toEqual({
      ok: true,
      options: { language: "zh", rate: 0.1, retention: 0.8, periods: 5, timing: 0, aShare: 0.8, bShare: 0.95, pyramidShares: [0.01, 0.04, 0.15, 0.8] },
    });
    const aging = agingOptions(form, "en");
    expect(aging.ok && aging.options).toMatchObject({ edges: [30, 60, 90], rates: [0.01, 0.02, 0.05, 0.1, 0.3], creditSales: undefined, dsoDays: 365 });
    const credit = creditOptions(form, "en");
    expect(credit.ok && credit.options).toMatchObject({ weights: [1, 1, 1, 1, 1], scaleMax: 5, percent: 0.1, industryDso: 30, companyFactor: 1 });
  });

  test("perpetuity replaces the periods", () => {
    const built = valueOptions({ ...form, perpetuity: true, periods: "not read" }, "en");
    expect(built.ok && built.options.periods).toBe("perpetuity");
  });

  test("bad fields give messages naming them, in the UI language", () => {
    const built = rfmOptions({ ...form, asOf: "2024-02-31", bins: "12" }, "en");
    expect(built).toEqual({
      ok: false,
      errors: [
        { field: "asOf", message: "As-of date: enter a date" },
        { field: "bins", message: "Score bins (2–9): must be between 2 and 9" },
      ],
    });
    const zh = agingOptions({ ...form, rates: "1%, 2%" }, "zh");
    expect(zh.ok ? [] : zh.errors.map((e: { message: string }) => e.message)).toEqual(["坏账计提比例（未到期起，每区间一个）：需要 5 个数字"]);
  });

  test("rates follow the number of edges", () => {
    const built = agingOptions({ ...form, edges: "15, 45", rates: "0, 2%, 10%, 40%" }, "en");
    expect(built.ok && built.options).toMatchObject({ edges: [15, 45], rates: [0, 0.02, 0.1, 0.4] });
  });

  test("new edges bring default rates when the typed rates no longer fit", () => {
    expect(withEdges(form, "15, 45")).toEqual({ edges: "15, 45", rates: "1%, 2%, 12%, 30%" });
    expect(withEdges({ ...form, rates: "0, 1%, 2%, 3%" }, "15, 45")).toEqual({ edges: "15, 45" });
    expect(withEdges(form, "15, x")).toEqual({ edges: "15, x" });
  });

  test("choosing the RF map (rf10) sets five bins; other changes change only themselves", () => {
    expect(changeForm(ANY(RFM), form, "scheme", "rf10")).toEqual({ scheme: "rf10", bins: "5" });
    expect(changeForm(ANY(RFM), form, "scheme", "cn8")).toEqual({ scheme: "cn8" });
    expect(changeForm(ANY(VALUE), form, "rate", "8%")).toEqual({ rate: "8%" });
  });

  test("percentText has no binary noise", () => {
    expect([0.1, 0.3, 0.005, 0.07, 1].map(percentText)).toEqual(["10%", "30%", "0.5%", "7%", "100%"]);
  });

  test("credit weights need five numbers", () => {
    expect(creditOptions({ ...form, weights: "1, 2, 3" }, "en").ok).toBe(false);
  });

  test("no typed text throws", () => {
    const keys = ["asOf", "bins", "rate", "retention", "periods", "aShare", "bShare", "pyramidShares", "edges", "rates", "creditSales", "dsoDays", "weights", "scaleMax", "percent", "industryDso", "companyFactor"] as const;
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.string(), fc.constantFrom(...WORKFLOW_DEFINITIONS), (key, text, wf) => {
        const built = buildOptions(wf, { ...form, [key]: text }, "en");
        return built.ok || built.errors.length > 0;
      }),
    );
  });
});

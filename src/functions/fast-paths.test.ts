/**
 * The million-row functions read their columns in one typed pass and build their results from
 * codes (columns.ts, core *Codes): each must give, for any range with junk cells, exactly what the
 * per-cell rule gives: the per-cell conversion (args.numCells), the contract's rule per row, and
 * each bad row's own error with its code and message (a single cell's error is the function's).
 */
import Decimal from "decimal.js";
import fc from "fast-check";
import { conditionalPurchases, pAlive as pAliveCore } from "../core/btyd/models";
import { modelParams } from "../core/btyd/params";
import { checkHistory } from "../core/btyd/customers";
import { DEFAULT_GRADE_TABLE, gradeOf } from "../core/credit";
import { Cell, CrmError, numError, valueError } from "../core/errors";
import { LOYALTY_TYPES, VALUE_MATRIX } from "../core/tiers";
import { attempt, numCells } from "./args";
import { creditGrade } from "./credit";
import { expectedPurchases, pAlive } from "./customer-base";
import { loyaltyType, valueMatrix } from "./tiers";

/** Cells as Excel passes them: mostly usable numbers, some junk (text, blanks, booleans, odd numbers). */
const cell = (usable: fc.Arbitrary<number>) => fc.oneof({ weight: 6, arbitrary: usable }, { weight: 1, arbitrary: fc.constantFrom<unknown>("", " ", "x", "12", true, false, NaN, Infinity, -1, 1.5, 101) });
const column = (usable: fc.Arbitrary<number>, n: number) => fc.array(cell(usable), { minLength: n, maxLength: n });

/** A result as comparable data: each cell's value, or its error's code and message; or what it throws. */
function outcome(fn: () => unknown): unknown {
  try {
    return (fn() as unknown[][]).map((row) => row.map((c) => (c instanceof Error ? `${(c as { code?: string }).code} ${c.message}` : c)));
  } catch (e) {
    return `throws ${(e as { code?: string }).code} ${(e as Error).message}`;
  }
}

/** The per-row reference: one result or error per row; a single row's error is thrown. */
function reference(n: number, rowResult: (i: number) => Cell<number | string>): unknown {
  return outcome(() => {
    const rows = Array.from({ length: n }, (_, i) => rowResult(i));
    if (n === 1 && rows[0] instanceof CrmError) throw Object.assign(new Error(rows[0].message), { code: rows[0].code });
    return rows.map((r) => [r instanceof CrmError ? Object.assign(new Error(r.message), { code: r.code }) : r]);
  });
}

const asRange = (cells: unknown[]) => cells.map((c) => [c]);
const lengths = fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 25 }));
const errorOf = (cells: Cell<number>[], i: number) => (cells[i] instanceof CrmError ? (cells[i] as CrmError) : undefined);

describe("fused column paths give what the per-cell rule gives", () => {
  test("VALUEMATRIX: thresholds given, or the exact mean of the rows with both values", () => {
    const score = fc.integer({ min: 0, max: 20 }).map((k) => k / 4);
    fc.assert(
      fc.property(lengths.chain((n) => fc.tuple(column(score, n), column(score, n), fc.option(score, { nil: undefined }), fc.option(score, { nil: undefined }))), ([c, p, ct, pt]) => {
        const cc = numCells(asRange(c), "current_value");
        const pc = numCells(asRange(p), "potential_value");
        const n = c.length;
        const valid = cc.map((x, i) => typeof x === "number" && typeof pc[i] === "number");
        const count = valid.filter(Boolean).length;
        const sum = (cells: Cell<number>[]) => cells.reduce((s: Decimal, x, i) => (valid[i] ? s.plus(x as number) : s), new Decimal(0));
        const high = (v: number, t: number | undefined, cells: Cell<number>[]) => (t !== undefined ? v >= t : count > 0 && new Decimal(v).times(count).gte(sum(cells)));
        const want =
          n === 1 && (ct === undefined || pt === undefined)
            ? outcome(() => {
                throw Object.assign(new Error(`${ct === undefined ? "current" : "potential"}_threshold is needed for a single customer (the default is the mean of a range)`), { code: "#VALUE!" });
              })
            : reference(n, (i) => errorOf(cc, i) ?? errorOf(pc, i) ?? VALUE_MATRIX[(high(cc[i] as number, ct, cc) ? 0 : 2) + (high(pc[i] as number, pt, pc) ? 0 : 1)].label.zh);
        expect(outcome(() => valueMatrix(asRange(c), asRange(p), ct, pt))).toEqual(want);
      }),
    );
  });

  test("LOYALTYTYPE: scores 0..1, attachment's error before repeat purchase's", () => {
    const score = fc.integer({ min: 0, max: 10 }).map((k) => k / 10);
    fc.assert(
      fc.property(lengths.chain((n) => fc.tuple(column(score, n), column(score, n), score)), ([a, r, t]) => {
        const ac = numCells(asRange(a), "attachment");
        const rc = numCells(asRange(r), "repeat_purchase");
        const n = a.length;
        const bad = (x: Cell<number>, name: string, i: number) => {
          if (x instanceof CrmError) return x;
          return x < 0 || x > 1 ? numError(`${n === 1 ? name : `${name} value ${i + 1}`} must be a score from 0 to 1 (got ${x})`) : undefined;
        };
        const want = reference(n, (i) => bad(ac[i], "attachment", i) ?? bad(rc[i], "repeat_purchase", i) ?? LOYALTY_TYPES[((ac[i] as number) >= t ? 0 : 2) + ((rc[i] as number) >= t ? 0 : 1)].label.zh);
        expect(outcome(() => loyaltyType(asRange(a), asRange(r), t))).toEqual(want);
      }),
    );
  });

  test("CREDITGRADE: gradeOf per score, a single cell's error as a cell", () => {
    const score = fc.integer({ min: -5, max: 210 }).map((k) => k / 2);
    fc.assert(
      fc.property(lengths.chain((n) => column(score, n)), (s) => {
        const cells = numCells(asRange(s), "score");
        const rows = cells.map((x) => (x instanceof CrmError ? x : attempt(() => gradeOf(x, DEFAULT_GRADE_TABLE))));
        const want = outcome(() => rows.map((r) => [r instanceof CrmError ? Object.assign(new Error(r.message), { code: r.code }) : r]));
        expect(outcome(() => creditGrade(asRange(s)))).toEqual(want);
      }),
    );
  });

  test("PALIVE and EXPECTEDPURCHASES: checkHistory then the model per row (expectations shared per x and T)", () => {
    const params = [[0.243, 4.414, 0.793, 2.426]];
    const p = modelParams(params);
    const whole = fc.integer({ min: 0, max: 4 });
    const weeks = fc.integer({ min: 0, max: 6 }).map((k) => k / 2);
    fc.assert(
      fc.property(lengths.chain((n) => fc.tuple(column(whole, n), column(weeks, n), column(weeks, n))), ([x, tx, T]) => {
        const [xc, txc, Tc] = [numCells(asRange(x), "x"), numCells(asRange(tx), "t_x"), numCells(asRange(T), "T")];
        const n = x.length;
        const perRow = (i: number, model: (x: number, tx: number, T: number) => number) => {
          const own = errorOf(xc, i) ?? errorOf(txc, i) ?? errorOf(Tc, i);
          if (own) return own;
          return attempt(() => {
            checkHistory(xc[i] as number, txc[i] as number, Tc[i] as number, i + 1, n);
            return model(xc[i] as number, txc[i] as number, Tc[i] as number);
          });
        };
        expect(outcome(() => pAlive(params, asRange(x), asRange(tx), asRange(T)))).toEqual(reference(n, (i) => perRow(i, (a, b, c) => pAliveCore(p, a, b, c))));
        // (a single blank x, t_x or T is left out: EXPECTEDPURCHASES then forecasts a new customer)
        if (n === 1 && [x[0], tx[0], T[0]].includes("")) return;
        expect(outcome(() => expectedPurchases(params, [[3]], asRange(x), asRange(tx), asRange(T)))).toEqual(reference(n, (i) => perRow(i, (a, b, c) => conditionalPurchases(p, 3, a, b, c))));
      }),
    );
  });

  test("an impossible history is #VALUE! naming its row; a single one is the function's error", () => {
    expect(outcome(() => pAlive([[0.243, 4.414, 0.793, 2.426]], [[1], [2]], [[0], [1]], [[3], [3]]))).toEqual([["#VALUE! row 1: x 1 > 0 needs t_x > 0"], [expect.any(Number)]]);
    expect(outcome(() => pAlive([[0.243, 4.414, 0.793, 2.426]], [[1]], [[4]], [[3]]))).toBe(`throws #VALUE! ${valueError("bad customer history: t_x 4 is after T 3").message}`);
  });
});

/**
 * Credit review: the 5C score (CRM.CREDITSCORE), grade (CRM.CREDITGRADE), suggested limit
 * (CRM.CREDITLIMIT, when a basis column is mapped) and credit period (CRM.CREDITDAYS) per
 * customer, and a summary per grade. The arithmetic is src/core/credit.ts.
 */
import { DEFAULT_GRADE_TABLE, DEFAULT_SCALE_MAX, creditDays, creditLimit, creditScorer, gradeOf } from "../../core/credit";
import { groupSums } from "../../core/exact-sums";
import { COLUMN_HEADERS, GRADE_FILLS, SHEET_NAMES, text } from "../labels";
import { ColumnsPlan, Plan, PlanInput, emptyRows, goodRows, parameterLines, share } from "../plan";
import { COUNT_FORMAT, SheetBuilder } from "../sheet-builder";
import type { FieldId } from "../types";
import type { CreditOptions } from "./options";

const FIVE: FieldId[] = ["character", "capacity", "capital", "collateral", "conditions"];

export function planCredit(input: PlanInput<CreditOptions>): Plan {
  const { table, options, mapping } = input;
  const lang = options.language;
  const good = goodRows(table.ok);
  const k = good.length;
  const scorer = creditScorer(options.weights, options.scaleMax ?? DEFAULT_SCALE_MAX);
  const columnsOf = FIVE.map((f) => table.numbers[f]!);
  const basis = mapping.basis !== undefined ? table.numbers.basis : undefined;
  const percent = options.percent ?? 0.1;
  const industryDso = options.industryDso ?? 30;
  const companyFactor = options.companyFactor ?? 1;

  const h = COLUMN_HEADERS.credit;
  const headers = [h.score[lang], h.grade[lang], ...(basis ? [h.limit[lang]] : []), h.days[lang]];
  const rows = emptyRows(table.rows, headers.length);
  const grades = DEFAULT_GRADE_TABLE.map((g) => g.grade);
  const gradeOfRow = new Int32Array(k);
  const scores = new Float64Array(k);
  const limits = new Float64Array(k);
  const ratings = new Array<number>(5);
  for (let j = 0; j < k; j++) {
    const i = good[j];
    for (let c = 0; c < 5; c++) ratings[c] = columnsOf[c][i];
    const score = scorer(ratings);
    const grade = gradeOf(score);
    const row = rows[i];
    row[0] = score;
    row[1] = grade;
    let c = 2;
    if (basis) {
      const b = basis[i];
      const limit = Number.isNaN(b) ? null : creditLimit(b, percent, grade);
      row[c++] = limit;
      limits[j] = limit ?? 0;
    }
    row[c] = creditDays(industryDso, companyFactor, grade);
    scores[j] = score;
    gradeOfRow[j] = grades.indexOf(grade);
  }
  const columns: ColumnsPlan = {
    headers,
    rows,
    formats: ["0.0", undefined, ...(basis ? ["#,##0.00"] : []), "0"],
    fills: [{ column: 1, fills: Object.entries(GRADE_FILLS).map(([value, fill]) => ({ value, fill })) }],
  };

  const counts = new Array<number>(grades.length).fill(0);
  for (let j = 0; j < k; j++) counts[gradeOfRow[j]]++;
  const scoreSums = groupSums(scores, gradeOfRow, grades.length);
  const limitSums = groupSums(limits, gradeOfRow, grades.length);
  const summaryHeaders = [text("grade", lang), text("customers", lang), text("customerShare", lang), text("averageScore", lang), ...(basis ? [text("suggestedLimit", lang)] : [])];
  const body = grades.map((g, x) => [g, counts[x], share(counts[x], k), counts[x] ? scoreSums[x] / counts[x] : 0, ...(basis ? [limitSums[x]] : [])]);
  const b = new SheetBuilder("summary", SHEET_NAMES.creditSummary[lang]);
  b.title(text("creditTitle", lang));
  parameterLines(b, input, false);
  b.blank();
  const allScores = groupSums(scores, new Int32Array(k), 1)[0];
  const totalRow = [text("total", lang), k, k ? 1 : 0, k ? allScores / k : 0, ...(basis ? [groupSums(limits, new Int32Array(k), 1)[0]] : [])];
  const formats = [null, COUNT_FORMAT, "0.0%", "0.0", "#,##0.00"];
  const area = b.table(summaryHeaders, body, { formats, totalRow });
  b.fills.push({ area: { row: area.row + 1, column: 0, rows: grades.length, columns: 1 }, fills: columns.fills[0].fills });
  b.charts.push({ kind: "column", title: text("gradeChart", lang), name: "crm-credit-grades", source: { row: area.row, column: 0, rows: area.rows, columns: 2 }, anchor: { row: 1, column: 7 } });
  const figures: Record<string, number> = { customers: k };
  grades.forEach((g, x) => (figures[g] = counts[x]));
  return { columns, sheets: [b.build()], summary: { headers: summaryHeaders, rows: body, formats }, figures, rowsWritten: k };
}

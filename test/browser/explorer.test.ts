/**
 * The function explorer in the browser preview (Debian Chromium), on the textbook exercise
 * workbook: the CLV model-3 exercise typed in and picked cell by cell from the sheet, a
 * discount-cost exercise, an error with its message, a spilled table, and the help pages.
 */
import type { Locator, Page } from "playwright-core";
import { HELP_FAMILIES } from "../../src/help";
import { BrowserSession, describeBrowser, openSession, settledText } from "./harness";

let s: BrowserSession;
let page: Page;

describeBrowser("function explorer in the preview", () => {
  beforeAll(async () => {
    s = await openSession();
    page = s.page;
  });
  afterAll(async () => {
    await s?.close();
  });
  afterEach(() => {
    expect(s.pageErrors).toEqual([]);
  });

  /** The preview on the exercise workbook with the explorer tab open. */
  async function openExplorer(lang = "en"): Promise<Locator> {
    await page.goto(`${s.server.url}/preview.html?sample=exercises&lang=${lang}`);
    await page.getByRole("tab", { name: lang === "en" ? "Function explorer" : "函数助手" }).click();
    const explorer = page.getByTestId("function-explorer");
    await explorer.getByTestId("explorer-function").waitFor({ timeout: 20000 });
    return explorer;
  }

  async function pick(explorer: Locator, id: string): Promise<void> {
    await explorer.getByTestId("explorer-function").selectOption(id);
  }

  async function fill(explorer: Locator, args: Record<string, string>): Promise<void> {
    for (const [name, value] of Object.entries(args)) await explorer.getByTestId(`explorer-arg-${name}`).fill(value);
  }

  async function result(explorer: Locator): Promise<string> {
    await explorer.getByTestId("explorer-calculate").click();
    return (await explorer.getByTestId("explorer-result").textContent()) ?? "";
  }

  test("CLV model 3 typed in: =CRM.CLV(8%,10,1000,100,500,3000) → 8539.07", async () => {
    const explorer = await openExplorer();
    await pick(explorer, "CLV");
    await fill(explorer, { rate: "8%", periods: "10", revenue: "1000", cost: "100", acquisition_cost: "500", first_purchase: "3000" });
    expect(await result(explorer)).toMatch(/^8539\.07/);
    expect(await explorer.getByTestId("explorer-formula").inputValue()).toBe("=CRM.CLV(8%, 10, 1000, 100, 500, 3000)");
  });

  test("CLV model 3 picked from the exercise sheet's cells gives the workbook's answer", async () => {
    const explorer = await openExplorer();
    await pick(explorer, "CLV");
    const goTo = page.getByRole("textbox", { name: "Go to cell" });
    // Exercise 1 of the CLV sheet: rate B9, years B8, revenue B10, service cost B11, acquisition B12, first purchase B13.
    for (const [name, ref] of [
      ["rate", "B9"],
      ["periods", "B8"],
      ["revenue", "B10"],
      ["cost", "B11"],
      ["acquisition_cost", "B12"],
      ["first_purchase", "B13"],
    ]) {
      await goTo.fill(ref);
      await goTo.press("Enter");
      const field = explorer.getByTestId(`explorer-arg-${name}`);
      await field.locator("xpath=ancestor::div[1]").getByRole("button", { name: "Use the selection" }).click();
      expect(await field.inputValue()).toBe(`='CLV模型 CLV models'!${ref}`);
    }
    expect(await result(explorer)).toMatch(/^8539\.07/);
    expect(await explorer.getByTestId("explorer-formula").inputValue()).toBe("=CRM.CLV('CLV模型 CLV models'!B9, 'CLV模型 CLV models'!B8, 'CLV模型 CLV models'!B10, 'CLV模型 CLV models'!B11, 'CLV模型 CLV models'!B12, 'CLV模型 CLV models'!B13)");
    // The workbook's own answer cell (cached result of its =CRM.CLV formula) says the same.
    await goTo.fill("B31");
    await goTo.press("Enter");
    expect((await settledText(page, "B31")).replace(/,/g, "")).toBe("8539.07");
  });

  test('discount cost: =CRM.DISCOUNTCOST("2/10, n/30") → 0.3724…, typed and from the help example', async () => {
    const explorer = await openExplorer();
    await pick(explorer, "DISCOUNTCOST");
    await fill(explorer, { terms: "2/10, n/30" });
    expect(await result(explorer)).toMatch(/^0\.3724/);
    expect(await explorer.getByTestId("explorer-formula").inputValue()).toBe('=CRM.DISCOUNTCOST("2/10, n/30")');
    await explorer.getByRole("button", { name: '=CRM.DISCOUNTCOST("6/10, 3/20, n/45", 2)' }).click();
    await explorer.getByTestId("explorer-result").filter({ hasText: /^0\.4515/ }).waitFor();
    expect(await explorer.getByTestId("explorer-arg-tier").inputValue()).toBe("2");
  });

  test("in Chinese the explorer names the parameters in Chinese, as Excel's tooltip does", async () => {
    const explorer = await openExplorer("zh");
    await pick(explorer, "CLV");
    await explorer.getByTestId("explorer-arg-折现率").waitFor();
    await explorer.getByText("折现率 (必填)").waitFor();
    await explorer.getByText("留存率 (可选)").waitFor();
    await fill(explorer, { 折现率: "8%", 期数: "10", 收入: "1000" });
    expect(await result(explorer)).toMatch(/^6710\.08/);
  });

  test("bad input shows the Excel error and its message; a spilled result shows as a table", async () => {
    const explorer = await openExplorer();
    await pick(explorer, "CLV");
    await fill(explorer, { rate: "8%", periods: "2.5", revenue: "1000" });
    await explorer.getByTestId("explorer-calculate").click();
    const error = explorer.getByTestId("explorer-error");
    await error.waitFor();
    expect(await error.textContent()).toMatch(/#NUM!.*periods/);

    await explorer.getByTestId("explorer-paste").fill("=CRM.CLVSCHEDULE(20%, , {8000,4500,5000,5200}, {1000,1200,1300,1400}, 5000, 0, {0.9,0.8,0.6,0.3})");
    await explorer.getByRole("button", { name: "Fill in" }).click();
    const table = explorer.getByTestId("explorer-table");
    await table.waitFor();
    const rows = table.getByRole("row");
    expect(await rows.count()).toBe(6);
    expect(await rows.nth(5).getByRole("cell").last().textContent()).toMatch(/^3917\.82/);
  });

  test("every CRM function computes in the preview: each help page's first example, pasted into the explorer", async () => {
    const explorer = await openExplorer();
    const ids = await explorer.getByTestId("explorer-function").locator("option").evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    const examples = new Map(HELP_FAMILIES.flatMap((f) => Object.entries(f.functions).map(([id, h]) => [id, h.examples[0]] as const)));
    expect([...examples.keys()].sort()).toEqual([...ids].sort());
    const wrong: string[] = [];
    for (const id of ids) {
      const example = examples.get(id)!;
      await explorer.getByTestId("explorer-paste").fill(example.formula);
      await explorer.getByRole("button", { name: "Fill in" }).click();
      const shown = explorer.getByTestId("explorer-result").or(explorer.getByTestId("explorer-table")).or(explorer.getByTestId("explorer-error"));
      await shown.first().waitFor();
      if ((await explorer.getByTestId("explorer-function").inputValue()) !== id) wrong.push(`${id}: the explorer picked another function`);
      if (await explorer.getByTestId("explorer-error").count()) wrong.push(`${id}: ${await explorer.getByTestId("explorer-error").textContent()}`);
      const value = explorer.getByTestId("explorer-result");
      if (/^-?\d+(\.\d+)?$/.test(example.result)) {
        const text = (await value.count()) ? ((await value.textContent()) ?? "") : "(no single value)";
        const decimals = example.result.split(".")[1]?.length ?? 0;
        if (!(Math.abs(Number(text) - Number(example.result)) <= 0.5 * 10 ** -decimals + 1e-9)) wrong.push(`${id}: ${example.formula} shows ${text}, the help says ${example.result}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  test("the help page of a function opens from the explorer, in the pane's language", async () => {
    const explorer = await openExplorer();
    await pick(explorer, "CLV");
    const [help] = await Promise.all([page.context().waitForEvent("page"), explorer.getByTestId("explorer-help").click()]);
    await help.waitForLoadState();
    expect(help.url()).toMatch(/\/help\/en\/CLV\.html$/);
    expect(await help.getByRole("heading", { level: 1 }).textContent()).toContain("CRM.CLV");
    for (const arg of ["rate", "periods", "revenue", "cost", "acquisition_cost", "first_purchase", "retention", "timing"]) expect(await help.locator(`#arg-${arg}`).count()).toBe(1);
    expect(await help.getByText("8539.07").count()).toBeGreaterThan(0);
    await help.close();

    const zh = await openExplorer("zh");
    await pick(zh, "DISCOUNTCOST");
    const [zhHelp] = await Promise.all([page.context().waitForEvent("page"), zh.getByTestId("explorer-help").click()]);
    await zhHelp.waitForLoadState();
    expect(zhHelp.url()).toMatch(/\/help\/zh\/DISCOUNTCOST\.html$/);
    expect(await zhHelp.getByRole("heading", { level: 1 }).textContent()).toContain("放弃现金折扣的成本");
    await zhHelp.close();
  });
});

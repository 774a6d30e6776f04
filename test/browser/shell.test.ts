import { BrowserSession, describeBrowser, openSession } from "./harness";

describeBrowser("task pane shell in Chromium", () => {
  let s: BrowserSession;
  beforeAll(async () => {
    s = await openSession();
  });
  afterAll(async () => {
    await s?.close();
  });

  test("the preview shows the shell and says it runs without Excel", async () => {
    await s.page.goto(`${s.server.url}/preview.html?lang=en`);
    await s.page.getByRole("heading", { name: "CRM Analytics" }).waitFor();
    await s.page.getByText("Preview (browser, no Excel)").waitFor();
    expect(await s.page.locator("main").getAttribute("data-host")).toBe("preview");
    expect(s.pageErrors).toEqual([]);
  });

  test("the styles come with the page (extracted at build time), not inserted as components first render", async () => {
    await s.page.goto(`${s.server.url}/preview.html?sample=customers&lang=en`);
    await s.page.getByTestId("source-summary").filter({ hasText: "data rows" }).first().waitFor({ timeout: 20000 });
    // A result view, the one part of the pane first shown late, and the grid's new columns.
    await s.page.getByRole("button", { name: "Validate data" }).first().click();
    await s.page.getByRole("group", { name: "Problems", exact: true }).first().waitFor({ timeout: 20000 });
    const sheets = await s.page.evaluate(() => [...document.styleSheets].map((sheet) => ({ href: sheet.href ?? "", bucket: sheet.ownerNode instanceof Element && sheet.ownerNode.hasAttribute("data-make-styles-bucket"), rules: sheet.cssRules.length })));
    expect(sheets.filter((x) => x.bucket)).toEqual([]);
    const extracted = sheets.find((x) => x.href.endsWith("/griffel.css"));
    // Fluent's components and ours: about 1,200 rules.
    expect(extracted?.rules).toBeGreaterThan(500);
    expect(s.pageErrors).toEqual([]);
  });

  test("Chinese is the default for a Chinese browser and ?lang=zh", async () => {
    await s.page.goto(`${s.server.url}/preview.html?lang=zh`);
    await s.page.getByRole("heading", { name: "CRM 客户分析" }).waitFor();
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
  });

  test("the pane's language switch turns it to English and back; the page title and ?lang= follow, nothing reloads", async () => {
    await s.page.goto(`${s.server.url}/preview.html?lang=zh`);
    await s.page.getByRole("heading", { name: "CRM 客户分析" }).waitFor();
    expect(await s.page.title()).toBe("CRM 客户分析");
    const marker = await s.page.evaluate(() => ((window as unknown as { stay?: number }).stay = Math.random()));
    await s.page.getByRole("radio", { name: "English" }).check();
    await s.page.getByRole("heading", { name: "CRM Analytics" }).waitFor();
    expect(await s.page.title()).toBe("CRM Analytics");
    expect(new URL(s.page.url()).searchParams.get("lang")).toBe("en");
    expect(await s.page.evaluate(() => document.documentElement.lang)).toBe("en");
    await s.page.getByRole("radio", { name: "中文" }).check();
    await s.page.getByRole("heading", { name: "CRM 客户分析" }).waitFor();
    // The same page all along: the switch does not reload it.
    expect(await s.page.evaluate(() => (window as unknown as { stay?: number }).stay)).toBe(marker);
    expect(s.pageErrors).toEqual([]);
  });

  test("taskpane.html outside Office loads office.js, gets no host, and falls back to the preview", async () => {
    await s.page.goto(`${s.server.url}/taskpane.html?lang=en`);
    await s.page.getByText("Preview (browser, no Excel)").waitFor({ timeout: 20000 });
    expect(await s.page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
  });
});

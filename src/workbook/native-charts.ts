/**
 * Real charts in the downloaded .xlsx. ExcelJS writes no charts, so after it has written the
 * package this adds, for each sheet with chart specs, the DrawingML parts Excel and LibreOffice
 * read: xl/charts/chartN.xml (the chart over the sheet's cells, with cached figures), a drawing
 * xl/drawings/drawingN.xml anchoring them, the relationships from sheet to drawing to chart, and
 * their content types. The specs stay in the hidden data sheet too, so the preview draws them.
 *
 * Labels are readable in Excel: every category labelled, long ones rotated, titles on both axes
 * (the source's header cells), values formatted as in the sheet.
 */
import JSZip from "jszip";
import { columnLetter } from "./address";
import type { CellValue, ChartSpec } from "./types";

/** The cells of a chart's source as the sheet shows them: value and display text. */
export type SourceCells = (row: number, column: number) => { value: CellValue; text: string; numberFormat?: string };

export interface NativeChart {
  spec: ChartSpec;
  cells: SourceCells;
  /** Pixel edges of the sheet's columns and rows, to anchor the chart from cell to cell. */
  columnWidthPt(column: number): number;
  rowHeightPt(row: number): number;
}

/** Excel's default column width, in characters. */
export const DEFAULT_COLUMN_WIDTH = 8.43;

/**
 * A column width in characters (as .xlsx files and ExcelJS give it) in points: Excel draws a
 * character of its default font about 7 px wide and adds 5 px of padding; a pixel is 0.75 pt.
 * 8.43 characters are 48 pt, Excel's default. Anchoring a chart from cell to cell (here, for the
 * preview's download and the exercise workbook) and setting a width through Office.js (in points)
 * use this one rule.
 */
export function columnWidthPoints(characters: number = DEFAULT_COLUMN_WIDTH): number {
  return (characters * 7 + 5) * 0.75;
}

/** The inverse: a width Office.js gives in points, in characters. */
export function columnWidthCharacters(points: number): number {
  return (points / 0.75 - 5) / 7;
}

const EMU_PER_PT = 12700;
const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const PALETTE = ["0F6CBD", "E8590C", "2B8A3E", "C2255C", "7048E8", "F59F00", "1098AD", "5C940D", "862E9C", "495057"];

export const xmlText = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** 'Sheet name'!$A$2:$A$9 */
function ref(sheet: string, row: number, column: number, rows = 1, columns = 1): string {
  const a = `$${columnLetter(column)}$${row + 1}`;
  const b = `$${columnLetter(column + columns - 1)}$${row + rows}`;
  return `'${sheet.replace(/'/g, "''")}'!${a}${rows > 1 || columns > 1 ? `:${b}` : ""}`;
}

function rich(text: string, rotate = false): string {
  return `<c:tx><c:rich><a:bodyPr${rotate ? ' rot="-5400000" vert="horz"' : ""}/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1000" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="1000" b="1"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

const title = (text: string, size = 1400) =>
  `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size}" b="1"/><a:t>${xmlText(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;

const axisTitle = (text: string, rotate: boolean) => (text ? `<c:title>${rich(text, rotate)}<c:overlay val="0"/></c:title>` : "");

function strCache(texts: string[]): string {
  return `<c:strCache><c:ptCount val="${texts.length}"/>${texts.map((t, i) => `<c:pt idx="${i}"><c:v>${xmlText(t)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: (number | null)[], format: string): string {
  const pts = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>${xmlText(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

interface Series {
  index: number;
  name: string;
  nameRef: string;
  valuesRef: string;
  values: (number | null)[];
  format: string;
}

/** The source as Excel's chart reads it: first row the series names, first column the categories. */
function seriesOf(chart: NativeChart): { categories: string[]; categoriesRef: string; categoryTitle: string; series: Series[] } {
  const { spec, cells } = chart;
  const { sheet, row, column, rows, columns } = spec.source;
  const categories: string[] = [];
  for (let r = 1; r < rows; r++) categories.push(cells(r, 0).text);
  const series: Series[] = [];
  for (let c = 1; c < columns; c++) {
    const values: (number | null)[] = [];
    for (let r = 1; r < rows; r++) {
      const v = cells(r, c).value;
      values.push(typeof v === "number" && Number.isFinite(v) ? v : null);
    }
    series.push({ index: c - 1, name: cells(0, c).text, nameRef: ref(sheet, row, column + c), valuesRef: ref(sheet, row + 1, column + c, rows - 1), values, format: cells(1, c).numberFormat ?? "General" });
  }
  return { categories, categoriesRef: ref(sheet, row + 1, column, rows - 1), categoryTitle: cells(0, 0).text, series };
}

function serXml(s: Series, categories: string[], categoriesRef: string, kind: "bar" | "line" | "pie"): string {
  const color = PALETTE[s.index % PALETTE.length];
  const fill = kind === "line" ? `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>` : kind === "bar" ? `<c:spPr><a:solidFill><a:srgbClr val="${color}"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>` : "";
  const points = kind === "pie" ? categories.map((_, i) => `<c:dPt><c:idx val="${i}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="${PALETTE[i % PALETTE.length]}"/></a:solidFill></c:spPr></c:dPt>`).join("") : "";
  const labels = kind === "pie" ? `<c:dLbls><c:numFmt formatCode="0.0%" sourceLinked="0"/><c:spPr><a:noFill/></c:spPr><c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="1"/><c:showBubbleSize val="0"/><c:showLeaderLines val="1"/></c:dLbls>` : "";
  return (
    `<c:ser><c:idx val="${s.index}"/><c:order val="${s.index}"/><c:tx><c:strRef><c:f>${xmlText(s.nameRef)}</c:f>${strCache([s.name])}</c:strRef></c:tx>${fill}${points}${labels}` +
    `<c:cat><c:strRef><c:f>${xmlText(categoriesRef)}</c:f>${strCache(categories)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${xmlText(s.valuesRef)}</c:f>${numCache(s.values, s.format)}</c:numRef></c:val>${kind === "line" ? '<c:smooth val="0"/>' : ""}</c:ser>`
  );
}

/** Category labels: all of them, turned 45° when they would not fit side by side. */
function categoryTextProperties(categories: string[], widthPt: number): string {
  const longest = Math.max(0, ...categories.map((c) => [...c].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e7f ? 2 : 1), 0)));
  const room = (widthPt * 0.8) / Math.max(1, categories.length);
  const rotate = longest * 5 > room;
  return `<c:txPr><a:bodyPr${rotate ? ' rot="-2700000" vert="horz"' : ""}/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"/></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
}

function catAx(id: number, cross: number, titleText: string, txPr: string, deleted = false): string {
  return `<c:catAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${deleted ? 1 : 0}"/><c:axPos val="b"/>${deleted ? "" : axisTitle(titleText, false)}<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${deleted ? "" : txPr}<c:crossAx val="${cross}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
}

function valAx(id: number, cross: number, titleText: string, format: string, options: { right?: boolean; gridlines?: boolean } = {}): string {
  const pos = options.right ? "r" : "l";
  return `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/>${options.right ? '<c:max val="1"/><c:min val="0"/>' : ""}</c:scaling><c:delete val="0"/><c:axPos val="${pos}"/>${options.gridlines === false ? "" : "<c:majorGridlines/>"}${axisTitle(titleText, true)}<c:numFmt formatCode="${xmlText(format)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${cross}"/><c:crosses val="${options.right ? "max" : "autoZero"}"/><c:crossBetween val="between"/></c:valAx>`;
}

/** The chart part (xl/charts/chartN.xml) of one spec. */
export function chartXml(chart: NativeChart): string {
  const { spec } = chart;
  const { categories, categoriesRef, categoryTitle, series } = seriesOf(chart);
  const widthPt = spec.width ?? 480;
  const txPr = categoryTextProperties(categories, widthPt);
  const valueTitle = series.length === 1 ? series[0].name : "";
  const valueFormat = series[0]?.format && series[0].format !== "General" ? series[0].format : "General";
  let plot: string;
  let legend = true;
  switch (spec.kind) {
    case "pie":
      plot = `<c:pieChart><c:varyColors val="1"/>${series.slice(0, 1).map((s) => serXml(s, categories, categoriesRef, "pie")).join("")}<c:firstSliceAng val="0"/></c:pieChart>`;
      break;
    case "line":
      plot = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.map((s) => serXml(s, categories, categoriesRef, "line")).join("")}<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>${catAx(1001, 1002, categoryTitle, txPr)}${valAx(1002, 1001, valueTitle, valueFormat)}`;
      legend = series.length > 1;
      break;
    case "pareto": {
      const bars = series.slice(0, Math.max(1, series.length - 1));
      const line = series.length > 1 ? series[series.length - 1] : undefined;
      plot =
        `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${bars.map((s) => serXml(s, categories, categoriesRef, "bar")).join("")}<c:gapWidth val="30"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
        (line ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${serXml(line, categories, categoriesRef, "line")}<c:marker val="1"/><c:axId val="1003"/><c:axId val="1004"/></c:lineChart>` : "") +
        catAx(1001, 1002, categoryTitle, txPr) +
        valAx(1002, 1001, bars.length === 1 ? bars[0].name : "", bars[0]?.format ?? "General") +
        (line ? catAx(1003, 1004, "", "", true) + valAx(1004, 1003, line.name, "0%", { right: true, gridlines: false }) : "");
      break;
    }
    default: {
      const stacked = spec.kind === "stackedColumn";
      plot = `<c:barChart><c:barDir val="col"/><c:grouping val="${stacked ? "stacked" : "clustered"}"/><c:varyColors val="0"/>${series.map((s) => serXml(s, categories, categoriesRef, "bar")).join("")}<c:gapWidth val="60"/>${stacked ? '<c:overlap val="100"/>' : ""}<c:axId val="1001"/><c:axId val="1002"/></c:barChart>${catAx(1001, 1002, categoryTitle, txPr)}${valAx(1002, 1001, valueTitle, valueFormat)}`;
      legend = series.length > 1;
    }
  }
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(spec.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plot}</c:plotArea>` +
    `${legend || spec.kind === "pie" || spec.kind === "pareto" ? '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>' : ""}<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

/** The cell (and offset in EMU) `pt` points to the right of / below `start`. */
function edge(start: number, pt: number, size: (i: number) => number): { index: number; offset: number } {
  let i = start;
  let left = pt;
  while (left > size(i) && i < start + 2000) {
    left -= size(i);
    i++;
  }
  return { index: i, offset: Math.round(left * EMU_PER_PT) };
}

function anchorXml(chart: NativeChart, id: number, relId: string): string {
  const { anchor } = chart.spec;
  const width = chart.spec.width ?? 480;
  const height = chart.spec.height ?? 288;
  const to = { col: edge(anchor.column, width, chart.columnWidthPt), row: edge(anchor.row, height, chart.rowHeightPt) };
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${anchor.column}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${anchor.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${to.col.index}</xdr:col><xdr:colOff>${to.col.offset}</xdr:colOff><xdr:row>${to.row.index}</xdr:row><xdr:rowOff>${to.row.offset}</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="${xmlText(chart.spec.name ?? `Chart ${id}`)}" title="${xmlText(chart.spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="${Math.round(width * EMU_PER_PT)}" cy="${Math.round(height * EMU_PER_PT)}"/></xdr:xfrm>` +
    `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="${relId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function relationships(rels: { id: string; type: string; target: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${xmlText(r.target)}"/>`).join("")}</Relationships>`;
}

const attr = (tag: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(tag)?.[1];
const unescapeXml = (s: string) => s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** Sheet name → its part path (xl/worksheets/sheetN.xml), from the workbook and its relationships. */
async function sheetParts(zip: JSZip): Promise<Map<string, string>> {
  const workbook = (await zip.file("xl/workbook.xml")?.async("string")) ?? "";
  const rels = (await zip.file("xl/_rels/workbook.xml.rels")?.async("string")) ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b[^>]*>/g)) {
    const id = attr(m[0], "Id");
    const target = attr(m[0], "Target");
    if (id && target) targets.set(id, target.startsWith("/") ? target.slice(1) : `xl/${target}`);
  }
  const out = new Map<string, string>();
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attr(m[0], "name");
    const id = attr(m[0], "r:id");
    const target = id ? targets.get(id) : undefined;
    if (name && target) out.set(unescapeXml(name), target);
  }
  return out;
}

/** Where <drawing> goes in a worksheet: before the elements the schema puts after it. */
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];

/** Adds the charts to an .xlsx package ExcelJS wrote; returns the new package. */
export async function addNativeCharts(xlsx: Uint8Array, charts: readonly NativeChart[]): Promise<Uint8Array> {
  if (charts.length === 0) return xlsx;
  const zip = await JSZip.loadAsync(xlsx);
  const parts = await sheetParts(zip);
  let types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
  const existingDrawings = Object.keys(zip.files).filter((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f)).length;
  const existingCharts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f)).length;
  let chartNo = existingCharts;
  let drawingNo = existingDrawings;
  const bySheet = new Map<string, NativeChart[]>();
  for (const c of charts) bySheet.set(c.spec.sheet, [...(bySheet.get(c.spec.sheet) ?? []), c]);
  for (const [sheet, list] of bySheet) {
    const part = parts.get(sheet);
    const sheetXml = part ? await zip.file(part)?.async("string") : undefined;
    // A sheet that already has a drawing (pictures) keeps it; its charts are left to the preview.
    if (!part || sheetXml === undefined || sheetXml.includes("<drawing ")) continue;
    drawingNo++;
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const drawingRels: { id: string; type: string; target: string }[] = [];
    const anchors = list.map((chart, i) => {
      chartNo++;
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(chart));
      types = types.replace("</Types>", `<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/></Types>`);
      const relId = `rId${i + 1}`;
      drawingRels.push({ id: relId, type: REL_CHART, target: `../charts/chart${chartNo}.xml` });
      return anchorXml(chart, i + 1, relId);
    });
    zip.file(drawingPath, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join("")}</xdr:wsDr>`);
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relationships(drawingRels));
    types = types.replace("</Types>", `<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/></Types>`);

    // The sheet's relationships: keep what ExcelJS wrote, add the drawing.
    const dir = part.slice(0, part.lastIndexOf("/"));
    const file = part.slice(part.lastIndexOf("/") + 1);
    const relsPath = `${dir}/_rels/${file}.rels`;
    const relsXml = (await zip.file(relsPath)?.async("string")) ?? relationships([]);
    const ids = new Set([...relsXml.matchAll(/\bId="([^"]*)"/g)].map((m) => m[1]));
    let n = ids.size + 1;
    while (ids.has(`rId${n}`)) n++;
    const drawingRelId = `rId${n}`;
    zip.file(relsPath, relsXml.replace("</Relationships>", `<Relationship Id="${drawingRelId}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/></Relationships>`));
    const at = Math.min(...AFTER_DRAWING.map((tag) => sheetXml.indexOf(tag)).filter((i) => i >= 0));
    let xml = sheetXml.slice(0, at) + `<drawing r:id="${drawingRelId}"/>` + sheetXml.slice(at);
    if (!/<worksheet\b[^>]*xmlns:r=/.test(xml)) xml = xml.replace("<worksheet ", `<worksheet xmlns:r="${NS_R}" `);
    zip.file(part, xml);
  }
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

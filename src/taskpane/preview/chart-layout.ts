/**
 * Geometry for the preview's SVG charts: the memory workbook keeps each chart as a spec over a
 * range (first row = series names, first column = categories); this reads the figures and lays
 * out bars, lines and pie slices in pixels. Presentation only: the figures come from the sheet.
 */
import type { CellValue, ChartKind } from "../../workbook/types";

export interface ChartData {
  categories: string[];
  series: { name: string; values: number[] }[];
}

/** Series in columns: row 0 holds the names, column 0 the categories; non-numbers count as 0. */
export function chartData(cells: (row: number, column: number) => { value: CellValue; text: string }, rows: number, columns: number): ChartData {
  const series: ChartData["series"] = [];
  for (let c = 1; c < columns; c++) series.push({ name: cells(0, c).text, values: [] });
  const categories: string[] = [];
  for (let r = 1; r < rows; r++) {
    categories.push(cells(r, 0).text);
    for (let c = 1; c < columns; c++) {
      const v = cells(r, c).value;
      series[c - 1].values.push(typeof v === "number" && Number.isFinite(v) ? v : 0);
    }
  }
  return { categories, series };
}

/** A round axis maximum (1, 2, 2.5 or 5 × 10^k) at or above `max`; 1 when there is nothing positive. */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(max)));
  // Denormal or huge maxima have no usable power of ten.
  if (!(power > 0) || !Number.isFinite(power)) return 1;
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/**
 * Where the value axis gets its gridlines, as fractions of `niceMax`'s maximum: steps that are
 * round numbers too (2.5M in fifths: 0.5M, 1M…; not in quarters: 0.625M, 1.25M…).
 */
export function tickFractions(max: number): number[] {
  const power = Math.pow(10, Math.floor(Math.log10(max)));
  const leading = power > 0 && Number.isFinite(power) ? Math.round((max / power) * 10) / 10 : 1;
  const intervals = leading === 2.5 || leading === 5 ? 5 : 4;
  return Array.from({ length: intervals + 1 }, (_, i) => i / intervals);
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Rect extends Box {
  series: number;
  category: number;
  value: number;
}

export interface Plot {
  /** The plotting area inside the margins. */
  area: Box;
  yMax: number;
  rects: Rect[];
  /** Polylines: one per line series (line charts; the cumulative line of a Pareto chart). */
  lines: { series: number; points: [number, number][] }[];
  /** Secondary axis maximum (Pareto: 1 = 100 %). */
  y2Max?: number;
  /** Category label positions (centre x) and the width each may take. */
  labels: { x: number; text: string; width: number }[];
}

export const MARGIN = { left: 56, right: 44, top: 36, bottom: 48 };

/** Up to this many categories every one is labelled; more (a Pareto curve over every customer) cannot be. */
export const LABEL_ALL_UP_TO = 40;

export function layoutCartesian(kind: Exclude<ChartKind, "pie">, data: ChartData, width: number, height: number, margins: Partial<typeof MARGIN> = {}): Plot {
  const m = { ...MARGIN, ...margins };
  const area = { x: m.left, y: m.top, width: Math.max(10, width - m.left - m.right), height: Math.max(10, height - m.top - m.bottom) };
  const n = data.categories.length;
  const slot = n > 0 ? area.width / n : area.width;
  const barSeries = kind === "line" ? [] : kind === "pareto" ? data.series.slice(0, Math.max(0, data.series.length - 1)) : data.series;
  const lineSeries = kind === "line" ? data.series.map((_, i) => i) : kind === "pareto" && data.series.length > 1 ? [data.series.length - 1] : [];
  const stacked = kind === "stackedColumn";
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (stacked) max = Math.max(max, barSeries.reduce((s, se) => s + Math.max(0, se.values[i]), 0));
    else for (const se of barSeries) max = Math.max(max, se.values[i]);
    if (kind === "line") for (const se of data.series) max = Math.max(max, se.values[i]);
  }
  const yMax = niceMax(max);
  const y = (v: number, top = yMax) => area.y + area.height - (Math.max(0, v) / top) * area.height;
  const rects: Rect[] = [];
  const gap = slot * 0.2;
  for (let i = 0; i < n; i++) {
    const x0 = area.x + i * slot + gap / 2;
    const inner = slot - gap;
    let base = 0;
    barSeries.forEach((se, s) => {
      const v = se.values[i];
      if (stacked) {
        const top = y(base + Math.max(0, v));
        rects.push({ series: s, category: i, value: v, x: x0, width: inner, y: top, height: y(base) - top });
        base += Math.max(0, v);
      } else {
        const w = inner / Math.max(1, barSeries.length);
        const top = y(v);
        rects.push({ series: s, category: i, value: v, x: x0 + s * w, width: w, y: top, height: area.y + area.height - top });
      }
    });
  }
  let y2Max: number | undefined;
  const lines = lineSeries.map((s) => {
    const values = data.series[s].values;
    let top = yMax;
    if (kind === "pareto") {
      y2Max = Math.max(1, niceMax(Math.max(...values, 0)));
      top = y2Max;
    }
    return { series: s, points: values.map((v, i) => [area.x + (i + 0.5) * slot, y(v, top)] as [number, number]) };
  });
  // Thousands of categories (a Pareto curve over every customer) cannot all be labelled.
  const every = n <= LABEL_ALL_UP_TO ? 1 : Math.max(1, Math.ceil(n / Math.max(1, Math.floor(area.width / 60))));
  const labels = data.categories.map((text, i) => ({ x: area.x + (i + 0.5) * slot, text, width: slot * every - 4 })).filter((_, i) => i % every === 0);
  return { area, yMax, rects, lines, y2Max, labels };
}

export interface Slice {
  category: number;
  value: number;
  share: number;
  path: string;
}

/** Pie slices of the first series (non-positive values are left out). */
export function layoutPie(data: ChartData, cx: number, cy: number, r: number): Slice[] {
  const values = data.series[0]?.values ?? [];
  const total = values.reduce((s, v) => s + Math.max(0, v), 0);
  if (!(total > 0)) return [];
  const slices: Slice[] = [];
  let angle = -Math.PI / 2;
  values.forEach((v, i) => {
    if (!(v > 0)) return;
    const share = v / total;
    const end = angle + share * 2 * Math.PI;
    const large = share > 0.5 ? 1 : 0;
    const [x1, y1, x2, y2] = [cx + r * Math.cos(angle), cy + r * Math.sin(angle), cx + r * Math.cos(end), cy + r * Math.sin(end)];
    const path = share >= 0.9999 ? `M ${cx - r} ${cy} A ${r} ${r} 0 1 1 ${cx + r} ${cy} A ${r} ${r} 0 1 1 ${cx - r} ${cy} Z` : `M ${cx} ${cy} L ${x1} ${y1} A ${r} ${r} 0 ${large} 1 ${x2} ${y2} Z`;
    slices.push({ category: i, value: v, share, path });
    angle = end;
  });
  return slices;
}

import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { ChartSpec, PreviewWorkbook } from "../../workbook/types";
import { chartData, layoutCartesian, layoutPie, MARGIN, tickFractions } from "./chart-layout";
import { textWidth } from "../../core/text-width";

/** Pixels per width unit of 11px chart text (a Chinese character is two units). */
const PX_PER_UNIT = 6;

/** The label cut to fit `width` pixels, with an ellipsis when cut. */
function fitLabel(text: string, width: number): string {
  const units = Math.floor(width / PX_PER_UNIT);
  if (textWidth(text) <= units) return text;
  let out = "";
  for (const ch of text) {
    if (textWidth(out + ch) > units - 1) break;
    out += ch;
  }
  return `${out}…`;
}

const PALETTE = ["#0f6cbd", "#e8590c", "#2b8a3e", "#c2255c", "#7048e8", "#f59f00", "#1098ad", "#5c940d", "#862e9c", "#495057"];
const POINTS_TO_PX = 4 / 3;

const useStyles = makeStyles({
  // The drawing scales down to the room the charts get (beside the grid, or a narrow window) and keeps its proportions.
  figure: {
    margin: 0,
    display: "flex",
    flexDirection: "column",
    flexShrink: 0,
    height: "100%",
    maxWidth: "100%",
    boxSizing: "border-box",
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  drawing: { display: "block", flexGrow: 1, flexShrink: 1, flexBasis: 0, minHeight: 0, width: "100%" },
  legend: { display: "flex", flexWrap: "wrap", gap: "4px 12px", padding: "0 8px 8px", fontSize: tokens.fontSizeBase200 },
  swatch: { display: "inline-block", width: "10px", height: "10px", marginRight: "4px", verticalAlign: "middle" },
});

function axisText(n: number): string {
  if (Math.abs(n) >= 1e6) return `${+(n / 1e6).toFixed(2)}M`;
  if (Math.abs(n) >= 1e4) return `${+(n / 1e3).toFixed(0)}k`;
  return String(+n.toFixed(3));
}

/** A chart's drawing size in pixels at full size (the spec gives points, Excel's default 480 × 288). */
export function chartPixels(spec: ChartSpec): { width: number; height: number } {
  return { width: Math.round((spec.width ?? 480) * POINTS_TO_PX), height: Math.round((spec.height ?? 288) * POINTS_TO_PX) };
}

/**
 * The size of the box the drawing gets (`full` until it is known). The drawing is laid out at that
 * size rather than scaled into it: scaled at its own proportions it left bands empty beside it in a
 * box wider than it (the charts' strip is at most 40 % of the window high), and its text shrank.
 */
function useBoxSize(ref: React.RefObject<Element | null>, full: { width: number; height: number }): { width: number; height: number } {
  const [size, setSize] = React.useState(full);
  React.useLayoutEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      // A box too small to draw in (hidden, or not laid out yet) keeps the last size.
      if (width >= 120 && height >= 100) setSize((s) => (Math.round(width) === s.width && Math.round(height) === s.height ? s : { width: Math.round(width), height: Math.round(height) }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/** An SVG drawing of a chart the workflows added (the memory workbook keeps only its spec). */
export function ChartView({ workbook, spec }: { workbook: PreviewWorkbook; spec: ChartSpec }): React.JSX.Element {
  const styles = useStyles();
  const full = chartPixels(spec);
  const box = React.useRef<SVGSVGElement>(null);
  const { width, height } = useBoxSize(box, full);
  const { source } = spec;
  const cell = (r: number, c: number) => workbook.cellView(source.sheet, source.row + r, source.column + c);
  const data = chartData(cell, source.rows, source.columns);
  // Axis titles from the source's header row: the categories' header, and the value's when there is one series.
  const titles = { x: cell(0, 0).text, y: spec.kind === "pareto" ? (data.series[0]?.name ?? "") : data.series.length === 1 ? data.series[0].name : "" };
  const legend = spec.kind === "pie" ? data.categories : data.series.map((s) => s.name);
  return (
    <figure className={styles.figure} style={{ width: full.width }} data-chart={spec.name ?? spec.title} data-kind={spec.kind}>
      <svg ref={box} role="img" aria-label={spec.title} className={styles.drawing} viewBox={`0 0 ${width} ${height}`}>
        <title>{spec.title}</title>
        <text x={width / 2} y={22} textAnchor="middle" fontSize="14" fontWeight="600">
          {spec.title}
        </text>
        {spec.kind === "pie" ? <PieBody data={data} width={width} height={height} /> : <CartesianBody kind={spec.kind} data={data} width={width} height={height} titles={titles} />}
      </svg>
      <div className={styles.legend}>
        {legend.slice(0, 20).map((name, i) => (
          <span key={i}>
            <span className={styles.swatch} style={{ backgroundColor: PALETTE[i % PALETTE.length] }} />
            {name}
          </span>
        ))}
      </div>
    </figure>
  );
}

function PieBody({ data, width, height }: { data: ReturnType<typeof chartData>; width: number; height: number }): React.JSX.Element {
  const r = Math.max(10, Math.min(width, height - 40) / 2 - 10);
  const slices = layoutPie(data, width / 2, 30 + r, r);
  return (
    <g>
      {slices.map((s) => (
        <path key={s.category} d={s.path} fill={PALETTE[s.category % PALETTE.length]} stroke="#fff">
          <title>{`${data.categories[s.category]}: ${s.value} (${(s.share * 100).toFixed(1)}%)`}</title>
        </path>
      ))}
    </g>
  );
}

/** Degrees category labels turn when they do not fit side by side. */
const LABEL_TURN = 40;

function CartesianBody({ kind, data, width, height, titles }: { kind: Exclude<ChartSpec["kind"], "pie">; data: ReturnType<typeof chartData>; width: number; height: number; titles: { x: string; y: string } }): React.JSX.Element {
  // Labels that do not fit their slot turn instead of being cut: the bottom margin grows to hold the longest.
  const slot = (width - MARGIN.left - MARGIN.right) / Math.max(1, data.categories.length);
  const longest = Math.max(0, ...data.categories.map((c) => textWidth(c) * PX_PER_UNIT));
  const turn = longest > slot - 4;
  const sin = Math.sin((LABEL_TURN * Math.PI) / 180);
  const labelRoom = turn ? Math.min(height * 0.45, longest * sin + 14) : 18;
  const plot = layoutCartesian(kind, data, width, height, { bottom: labelRoom + 24, left: MARGIN.left + 14 });
  const { area } = plot;
  const ticks = tickFractions(plot.yMax);
  const bottom = area.y + area.height;
  // A Pareto chart's bars are shares of the total: its left axis reads in percent like its right one.
  const percent = kind === "pareto" && plot.yMax <= 1;
  const maxLabelPx = turn ? (labelRoom - 6) / sin : 0;
  return (
    <g fontSize="11">
      {ticks.map((f) => (
        <g key={f}>
          <line x1={area.x} x2={area.x + area.width} y1={bottom - f * area.height} y2={bottom - f * area.height} stroke="#e0e0e0" />
          <text x={area.x - 6} y={bottom - f * area.height + 4} textAnchor="end">
            {percent ? `${+(f * plot.yMax * 100).toFixed(1)}%` : axisText(f * plot.yMax)}
          </text>
          {plot.y2Max !== undefined && (
            <text x={area.x + area.width + 6} y={bottom - f * area.height + 4}>
              {`${Math.round(f * plot.y2Max * 100)}%`}
            </text>
          )}
        </g>
      ))}
      {plot.rects.map((r, i) => (
        <rect key={i} x={r.x} y={r.y} width={Math.max(0.5, r.width)} height={Math.max(0, r.height)} fill={PALETTE[r.series % PALETTE.length]}>
          <title>{`${data.categories[r.category]} · ${data.series[r.series].name}: ${r.value}`}</title>
        </rect>
      ))}
      {plot.lines.map((l) => (
        <polyline key={l.series} points={l.points.map((p) => p.join(",")).join(" ")} fill="none" stroke={PALETTE[l.series % PALETTE.length]} strokeWidth={2} />
      ))}
      <line x1={area.x} x2={area.x + area.width} y1={bottom} y2={bottom} stroke="#888" />
      {plot.labels.map((l, i) =>
        turn ? (
          <text key={i} x={l.x} y={bottom + 12} textAnchor="end" transform={`rotate(-${LABEL_TURN} ${l.x} ${bottom + 12})`} data-testid="category-label">
            <title>{l.text}</title>
            {fitLabel(l.text, maxLabelPx)}
          </text>
        ) : (
          <text key={i} x={l.x} y={bottom + 16} textAnchor="middle" data-testid="category-label">
            <title>{l.text}</title>
            {fitLabel(l.text, l.width)}
          </text>
        ),
      )}
      {titles.x && (
        <text x={area.x + area.width / 2} y={height - 6} textAnchor="middle" fontWeight="600" data-testid="axis-title-x">
          {titles.x}
        </text>
      )}
      {titles.y && (
        <text x={12} y={area.y + area.height / 2} textAnchor="middle" fontWeight="600" transform={`rotate(-90 12 ${area.y + area.height / 2})`} data-testid="axis-title-y">
          {titles.y}
        </text>
      )}
    </g>
  );
}

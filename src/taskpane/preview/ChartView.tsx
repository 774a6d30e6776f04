import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";
import type { ChartSpec, PreviewWorkbook } from "../../workbook/types";
import { chartData, layoutCartesian, layoutPie, tickFractions } from "./chart-layout";
import { textWidth } from "./column-widths";

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
  drawing: { display: "block", flexGrow: 1, flexShrink: 1, minHeight: 0, width: "100%" },
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

/** An SVG drawing of a chart the workflows added (the memory workbook keeps only its spec). */
export function ChartView({ workbook, spec }: { workbook: PreviewWorkbook; spec: ChartSpec }): React.JSX.Element {
  const styles = useStyles();
  const { width, height } = chartPixels(spec);
  const { source } = spec;
  const data = chartData((r, c) => workbook.cellView(source.sheet, source.row + r, source.column + c), source.rows, source.columns);
  const legend = spec.kind === "pie" ? data.categories : data.series.map((s) => s.name);
  return (
    <figure className={styles.figure} style={{ width }} data-chart={spec.name ?? spec.title} data-kind={spec.kind}>
      <svg role="img" aria-label={spec.title} className={styles.drawing} viewBox={`0 0 ${width} ${height}`}>
        <title>{spec.title}</title>
        <text x={width / 2} y={22} textAnchor="middle" fontSize="14" fontWeight="600">
          {spec.title}
        </text>
        {spec.kind === "pie" ? <PieBody data={data} width={width} height={height} /> : <CartesianBody kind={spec.kind} data={data} width={width} height={height} />}
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

function CartesianBody({ kind, data, width, height }: { kind: Exclude<ChartSpec["kind"], "pie">; data: ReturnType<typeof chartData>; width: number; height: number }): React.JSX.Element {
  const plot = layoutCartesian(kind, data, width, height);
  const { area } = plot;
  const ticks = tickFractions(plot.yMax);
  const bottom = area.y + area.height;
  // A Pareto chart's bars are shares of the total: its left axis reads in percent like its right one.
  const percent = kind === "pareto" && plot.yMax <= 1;
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
      {plot.labels.map((l, i) => (
        <text key={i} x={l.x} y={bottom + 16} textAnchor="middle">
          <title>{l.text}</title>
          {fitLabel(l.text, l.width)}
        </text>
      ))}
    </g>
  );
}

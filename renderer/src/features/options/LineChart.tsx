import Box from '@mui/material/Box';
import { useId } from 'react';

// A small SVG line chart drawn by hand (no chart library is installed). Data come in data units
// (numbers, already converted from decimals by the caller) and are mapped to a fixed viewBox; the
// SVG scales to its container's width. Only presentation attributes are used (CSP: no inline
// style attributes).

export type ChartPoint = { x: number; y: number } | null;
export type ChartLine = { id: string; label: string; color: string; dash?: string | undefined; width?: number; points: ChartPoint[] };
/** A vertical line across the plot with a label above it (a milestone, the chosen date). */
export type ChartRule = { key: string; x: number; label: string; color?: string; dash?: string; strong?: boolean; testid?: string; date?: string };
export type ChartMarker = { key: string; x: number; y: number; label: string; color?: string; testid?: string };
export type ChartTick = { value: number; label: string };

export const VIEW_W = 1000;
const M = { left: 78, right: 24, bottom: 44 };
const LABEL_ROW = 15;
const CHAR_W = 6.6;

/** Greedy rows for rule labels so that none overlap: each label goes in the first row with room. */
function labelRows(rules: readonly { x: number; label: string }[], xPx: (x: number) => number): number[] {
  const order = rules.map((r, i) => ({ i, x: xPx(r.x), w: r.label.length * CHAR_W + 8 })).sort((a, b) => a.x - b.x);
  const ends: number[] = [];
  const rows = new Array<number>(rules.length).fill(0);
  for (const o of order) {
    // Labels start right of the line unless that would run off the plot.
    const start = o.x + o.w > VIEW_W - M.right ? o.x - o.w : o.x;
    let row = ends.findIndex((end) => end < start);
    if (row < 0) {
      row = ends.length;
      ends.push(0);
    }
    ends[row] = start + o.w;
    rows[o.i] = row;
  }
  return rows;
}

export function LineChart({
  title,
  description,
  xDomain,
  yMin = 0,
  yMax,
  xTicks,
  yTicks,
  lines,
  rules = [],
  markers = [],
  plotHeight = 260,
  testid,
}: {
  title: string;
  description: string;
  xDomain: [number, number];
  /** The bottom of the y axis (0 unless the data go negative). */
  yMin?: number;
  yMax: number;
  xTicks: ChartTick[];
  yTicks: ChartTick[];
  lines: ChartLine[];
  rules?: ChartRule[];
  markers?: ChartMarker[];
  plotHeight?: number;
  testid?: string;
}) {
  const id = useId();
  const [x0, x1] = xDomain;
  const xPx = (x: number) => M.left + ((x - x0) / (x1 - x0 || 1)) * (VIEW_W - M.left - M.right);
  const visibleRules = rules.filter((r) => r.x >= x0 && r.x <= x1);
  const rows = labelRows(visibleRules, xPx);
  const top = 14 + LABEL_ROW * Math.max(1, rows.length ? Math.max(...rows) + 1 : 1);
  const height = top + plotHeight + M.bottom;
  const yPx = (y: number) => top + plotHeight - ((y - yMin) / (yMax - yMin || 1)) * plotHeight;
  const bottom = top + plotHeight;

  const paths = lines.map((l) => {
    let d = '';
    let pen = false;
    for (const p of l.points) {
      if (!p) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${xPx(p.x).toFixed(1)},${yPx(p.y).toFixed(1)}`;
      pen = true;
    }
    return { ...l, d };
  });

  return (
    <Box sx={{ width: '100%', overflowX: 'auto' }}>
      <svg
        viewBox={`0 0 ${VIEW_W} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-t ${id}-d`}
        data-testid={testid}
        fontFamily='"Noto Sans", "Segoe UI", Arial, sans-serif'
        fontSize="12"
      >
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{description}</desc>
        <rect x={M.left} y={top} width={VIEW_W - M.left - M.right} height={plotHeight} fill="#ffffff" stroke="#8a939c" />
        {yTicks.map((t) => (
          <g key={`y${t.value}`}>
            <line x1={M.left} x2={VIEW_W - M.right} y1={yPx(t.value)} y2={yPx(t.value)} stroke="#e1e5ea" />
            <text x={M.left - 6} y={yPx(t.value) + 4} textAnchor="end" fill="#333">
              {t.label}
            </text>
          </g>
        ))}
        {yMin < 0 && <line x1={M.left} x2={VIEW_W - M.right} y1={yPx(0)} y2={yPx(0)} stroke="#111111" strokeWidth={1.5} />}
        {xTicks.map((t) => (
          <g key={`x${t.value}`}>
            <line x1={xPx(t.value)} x2={xPx(t.value)} y1={bottom} y2={bottom + 5} stroke="#555" />
            <text x={xPx(t.value)} y={bottom + 19} textAnchor="middle" fill="#333">
              {t.label}
            </text>
          </g>
        ))}
        {visibleRules.map((r, i) => {
          const x = xPx(r.x);
          const y = top - 6 - rows[i]! * LABEL_ROW;
          return <line key={r.key} x1={x} x2={x} y1={y + 3} y2={bottom} stroke={r.color ?? '#4a5560'} strokeWidth={r.strong ? 2 : 1} strokeDasharray={r.dash ?? '4 3'} />;
        })}
        {paths.map((l) => (
          <path key={l.id} d={l.d} fill="none" stroke={l.color} strokeWidth={l.width ?? 2.5} strokeDasharray={l.dash} strokeLinejoin="round" data-line={l.id}>
            <title>{l.label}</title>
          </path>
        ))}
        {visibleRules.map((r, i) => {
          const x = xPx(r.x);
          const w = r.label.length * CHAR_W + 8;
          const flip = x + w > VIEW_W - M.right;
          const y = top - 6 - rows[i]! * LABEL_ROW;
          // A white halo keeps a label readable where another milestone's line crosses it.
          return (
            <text
              key={r.key}
              x={flip ? x - 3 : x + 3}
              y={y}
              textAnchor={flip ? 'end' : 'start'}
              fill={r.color ?? '#333'}
              fontWeight={r.strong ? 700 : 400}
              stroke="#ffffff"
              strokeWidth={4}
              paintOrder="stroke"
              data-testid={r.testid}
              data-date={r.date}
            >
              {r.label}
            </text>
          );
        })}
        {markers.map((m) => {
          const x = xPx(m.x);
          const y = yPx(m.y);
          const flip = x + m.label.length * CHAR_W + 10 > VIEW_W - M.right;
          return (
            <g key={m.key} data-testid={m.testid}>
              <circle cx={x} cy={y} r={5} fill="#ffffff" stroke={m.color ?? '#111'} strokeWidth={2.5} />
              <text x={flip ? x - 8 : x + 8} y={y - 8} textAnchor={flip ? 'end' : 'start'} fill="#111" fontWeight={700} stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
                {m.label}
              </text>
            </g>
          );
        })}
      </svg>
    </Box>
  );
}

/** A legend entry's line sample, as a tiny SVG. */
export function LegendSwatch({ color, dash }: { color: string; dash?: string | undefined }) {
  return (
    <svg width="28" height="10" aria-hidden="true" focusable="false">
      <line x1="1" x2="27" y1="5" y2="5" stroke={color} strokeWidth="3" strokeDasharray={dash} />
    </svg>
  );
}

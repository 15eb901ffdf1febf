import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useMemo, useState } from 'react';
import type { PlanCode } from '../../../../shared/domain/case-schema';
import type { Estimate } from '../../../../shared/domain/estimate-schema';
import { age as ageText, longDate, money, PLAN_NAMES } from '../../components/format';
import { ageMonths, breakEvens, difference, firstOfMonthAtAge, horizonMonths, maxValue, monthTurning, niceAxis, niceRange, planSeries, type BreakEven, type Series } from './board-math';
import { LegendSwatch, LineChart, type ChartLine, type ChartMarker, type ChartRule, type ChartTick } from './LineChart';
import { PLAN_COLORS, radioFocusRing, SERIES_STYLES, wholeDollars } from './chart-style';

type Scenario = PlanCode | 'compare';

/** The chart runs to 90; break-evens are looked for a little further, to say when one comes after 90. */
const CHART_TO_AGE = 90;
const SEARCH_TO_AGE = 110;

export function BreakEvenPanel({ estimate, birthDate }: { estimate: Estimate; birthDate: string | null }) {
  const R = estimate.retirementDate;
  const eligible = useMemo(() => estimate.results.filter((r) => r.status !== 'not-eligible' && r.lifeIncomeAnnuity), [estimate]);
  const canCompare = eligible.some((r) => r.plan === 'MSEP') && eligible.some((r) => r.plan === 'MSEP2000');
  const scenarios: { id: Scenario; label: string }[] = [
    ...(canCompare ? [{ id: 'compare' as const, label: 'MSEP vs MSEP 2000' }] : []),
    ...eligible.map((r) => ({ id: r.plan, label: `${PLAN_NAMES[r.plan]}: LIFE vs BackDROP` })),
  ];
  const [chosen, setChosen] = useState<Scenario | null>(null);
  const scenario = scenarios.find((s) => s.id === chosen)?.id ?? scenarios[0]?.id ?? null;
  const lastTemporaryMonth = birthDate ? monthTurning(birthDate, 62) : null;

  const view = useMemo(() => {
    if (!scenario) return null;
    const opts = { lastTemporaryMonth, toAgeYears: SEARCH_TO_AGE };
    const inScenario = eligible.filter((r) => scenario === 'compare' || r.plan === scenario);
    let series: Series[];
    let pairs: [Series, Series][];
    if (scenario === 'compare') {
      series = (['MSEP', 'MSEP2000'] as const).map((p) => planSeries(eligible.find((r) => r.plan === p)!, R, opts)[0]!);
      pairs = [[series[0]!, series[1]!]];
    } else {
      series = planSeries(inScenario[0]!, R, opts);
      pairs = series.slice(1).map((s) => [series[0]!, s]);
    }
    const ref = inScenario[0]!;
    const results = pairs.map(([a, b]) => ({ a, b, points: breakEvens(a, b, ref.ageAtRetirement, R) }));
    const styles = new Map<string, { color: string; dash?: string | undefined; width?: number }>();
    series.forEach((s, i) => {
      if (scenario === 'compare' || s.backdropMonths === null) styles.set(s.id, { color: PLAN_COLORS[s.plan], width: 3 });
      else styles.set(s.id, SERIES_STYLES[(i - 1) % SERIES_STYLES.length]!);
    });
    const paysTemporary = inScenario.some((r) => r.temporaryBenefit || r.backdrop.periods.some((p) => p.temporaryMonthly));
    return { series, results, ref, styles, paysTemporary };
  }, [scenario, eligible, R, lastTemporaryMonth]);

  if (!scenario || !view) {
    return <Alert severity="info">No plan pays a benefit at {longDate(R)}, so there is nothing to compare.</Alert>;
  }

  const { series, results, ref, styles, paysTemporary } = view;
  const a0 = ageMonths(ref.ageAtRetirement);
  const n = horizonMonths(ref.ageAtRetirement, CHART_TO_AGE) + 1; // points on the chart, k = 0 … n − 1
  const shown = series.map((s) => ({ ...s, values: s.values.slice(0, n) }));
  const label = (id: string) => series.find((s) => s.id === id)?.label ?? id;
  const xTicks: ChartTick[] = [];
  for (let m = a0; m <= a0 + n - 1; m++) if (m % 60 === 0) xTicks.push({ value: m, label: `${m / 12}` });
  const rules: ChartRule[] = [];
  if (paysTemporary && a0 < 62 * 12) {
    const at62 = firstOfMonthAtAge(ref.ageAtRetirement, R, 62);
    rules.push({ key: 'age62', x: 62 * 12, label: `Age 62 (${longDate(at62)}): temporary benefit ends`, testid: 'breakeven-age62', date: at62 });
  }

  // The cumulative chart (money as decimals; numbers only for the pixels).
  const axis = niceAxis(maxValue(shown).toNumber());
  const yTicks: ChartTick[] = [];
  for (let v = 0; v <= axis.max; v += axis.step) yTicks.push({ value: v, label: wholeDollars(v) });
  const lines: ChartLine[] = shown.map((s) => ({ id: s.id, label: s.label, ...styles.get(s.id)!, points: s.values.map((v, k) => ({ x: a0 + k, y: v.toNumber() })) }));
  const inChart = (p: BreakEven) => p.index < n;
  const markers: ChartMarker[] = results.flatMap(({ a, b, points }) =>
    points.filter(inChart).map((p, i) => ({
      key: `${a.id}-${b.id}-${i}`,
      x: a0 + p.index,
      y: Number(p.amountA),
      label: ageText(p.age),
      color: styles.get(b.id)?.color ?? '#111111',
      testid: `breakeven-marker-${a.id}-vs-${b.id}`,
    })),
  );

  // The difference chart: how far each line is ahead of the first (LIFE, or MSEP); zero is break-even.
  const diffs = results.map(({ a, b }) => ({ id: b.id, label: `${b.label} − ${a.label}`, values: difference(a.values.slice(0, n), b.values.slice(0, n)) }));
  let lo = 0;
  let hi = 0;
  for (const d of diffs) {
    for (const v of d.values) {
      lo = Math.min(lo, v.toNumber());
      hi = Math.max(hi, v.toNumber());
    }
  }
  const range = niceRange(lo, hi);
  const diffTicks: ChartTick[] = [];
  for (let v = range.min; v <= range.max + range.step / 2; v += range.step) diffTicks.push({ value: v, label: wholeDollars(v).replace('$-', '−$') });
  const diffLines: ChartLine[] = diffs.map((d) => ({ id: `diff-${d.id}`, label: d.label, ...styles.get(d.id)!, points: d.values.map((v, k) => ({ x: a0 + k, y: v.toNumber() })) }));
  const diffMarkers: ChartMarker[] = results.flatMap(({ a, b, points }) =>
    points.filter(inChart).map((p, i) => ({ key: `d-${a.id}-${b.id}-${i}`, x: a0 + p.index, y: 0, label: ageText(p.age), color: styles.get(b.id)?.color ?? '#111111' })),
  );

  const describe = (a: Series, b: Series, p: BreakEven) => {
    const other = p.leader === a.id ? b.id : a.id;
    const after = inChart(p) ? '' : ` (after ${CHART_TO_AGE}, beyond the chart)`;
    return `${label(p.leader)} pulls ahead of ${label(other)} at age ${ageText(p.age)}${after}, ${longDate(p.date)}: ${money(p.amountA)} vs ${money(p.amountB)} paid by then.`;
  };

  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="breakeven-title">
      <Typography variant="h2" component="h2" id="breakeven-title">
        Cumulative payments and break-even ages
      </Typography>
      <Typography variant="body2" sx={{ mb: 1 }}>
        For retirement on {longDate(R)}, from age {ageText(ref.ageAtRetirement)} to {CHART_TO_AGE}.
      </Typography>
      {scenarios.length > 1 && (
        <FormControl component="fieldset" sx={{ mb: 1 }}>
          <FormLabel component="legend">Compare</FormLabel>
          <RadioGroup row name="breakeven-scenario" value={scenario} onChange={(_, v) => setChosen(v as Scenario)}>
            {scenarios.map((s) => (
              <FormControlLabel key={s.id} value={s.id} control={<Radio size="small" sx={radioFocusRing} />} label={s.label} data-testid={`breakeven-scenario-${s.id}`} />
            ))}
          </RadioGroup>
        </FormControl>
      )}
      {scenario !== 'compare' && series.length === 1 && (
        <Alert severity="info" sx={{ mb: 1 }}>
          No BackDROP is available in {PLAN_NAMES[scenario]} at this date, so only LIFE is shown.
        </Alert>
      )}
      <LineChart
        testid="breakeven-chart"
        title="Cumulative payments by age"
        description={`Cumulative payments by member age for ${series.map((s) => s.label).join(', ')}. Nominal dollars, no COLAs.`}
        xDomain={[a0, a0 + n - 1]}
        yMax={axis.max}
        xTicks={xTicks}
        yTicks={yTicks}
        lines={lines}
        rules={rules}
        markers={markers}
        plotHeight={280}
      />
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, my: 1 }} role="list" aria-label="Legend">
        {lines.map((l) => (
          <Box key={l.id} role="listitem" sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
            <LegendSwatch color={l.color} dash={l.dash} />
            <Typography variant="body2">{l.label}</Typography>
          </Box>
        ))}
      </Box>
      <Typography variant="body2" component="p" sx={{ color: 'text.secondary' }} data-testid="breakeven-caption">
        Age in years on the horizontal axis. <strong>Nominal dollars: no COLAs</strong>, no interest or discounting, before taxes and withholding. LIFE includes the temporary benefit
        through the month the member turns 62 (BEN-4). A BackDROP line starts with its lump sum at retirement (BD-4), then pays its monthly amount at retirement (BD-3), plus the
        temporary benefit at the BackDROP date while it is paid.
      </Typography>

      <Typography variant="h3" component="h3" sx={{ mt: 2 }}>
        Break-even ages
      </Typography>
      <Box component="ul" sx={{ pl: 3, my: 0.5 }} data-testid="breakeven-list">
        {results.map(({ a, b, points }) => {
          if (points.length === 0) {
            const last = n - 1;
            const aEnd = a.values[last]!;
            const bEnd = b.values[last]!;
            const leader = aEnd.gte(bEnd) ? a : b;
            return (
              <li key={`${a.id}-${b.id}`} data-testid={`breakeven-${a.id}-vs-${b.id}`} data-age-months="" data-date="">
                {label(a.id)} vs {label(b.id)}: no break-even by age {SEARCH_TO_AGE}; {leader.label} stays ahead ({money(aEnd.toFixed(2))} vs {money(bEnd.toFixed(2))} by {CHART_TO_AGE}).
              </li>
            );
          }
          return points.map((p, i) => (
            <li key={`${a.id}-${b.id}-${i}`} data-testid={`breakeven-${a.id}-vs-${b.id}`} data-age-months={String(ageMonths(p.age))} data-date={p.date} data-leader={p.leader}>
              {describe(a, b, p)}
            </li>
          ));
        })}
      </Box>

      {diffLines.length > 0 && (
        <Box sx={{ mt: 2 }}>
          <Typography variant="h3" component="h3">
            How far ahead of {label(series[0]!.id)}
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary' }}>
            Each line is the other option&apos;s cumulative payments minus {label(series[0]!.id)}&apos;s: above zero it is ahead; where it crosses zero is the break-even.
          </Typography>
          <LineChart
            testid="breakeven-difference-chart"
            title={`Cumulative difference from ${label(series[0]!.id)}`}
            description="The difference in cumulative payments by age; zero crossings are break-even ages."
            xDomain={[a0, a0 + n - 1]}
            yMin={range.min}
            yMax={range.max}
            xTicks={xTicks}
            yTicks={diffTicks}
            lines={diffLines}
            rules={rules}
            markers={diffMarkers}
            plotHeight={170}
          />
        </Box>
      )}
    </Paper>
  );
}

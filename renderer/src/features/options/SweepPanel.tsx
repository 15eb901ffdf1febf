import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo } from 'react';
import type { PlanCode } from '../../../../shared/domain/case-schema';
import type { Estimate } from '../../../../shared/domain/estimate-schema';
import { longDate, money, PLAN_NAMES, RULE_NAMES } from '../../components/format';
import { monthIndexOf, niceAxis, type Milestone, type SweepRow } from './board-math';
import { LegendSwatch, LineChart, type ChartLine, type ChartRule } from './LineChart';
import { PLAN_COLORS, shortMonth, wholeDollars } from './chart-style';

export type SweepState = { dates: string[]; rows: (SweepRow & { error?: string })[]; done: boolean };

function milestoneText(m: Milestone, estimate: Estimate): string {
  const plan = m.plan ? PLAN_NAMES[m.plan] : '';
  const res = m.plan ? estimate.results.find((r) => r.plan === m.plan) : undefined;
  switch (m.kind) {
    case 'F':
      return `${plan}: first normal retirement date F (ELIG-6), ${RULE_NAMES[res?.firstNormalRule ?? ''] ?? ''}`;
    case 'rule':
      return `${plan}: ${RULE_NAMES[res?.firstNormalRule ?? ''] ?? 'Rule'} met, the rule at F (ELIG-6)`;
    case 'early':
      return `${plan}: first early retirement date (ELIG-4, ELIG-6)`;
    case 'age62':
      return 'Member is 62: the temporary benefit ends (BEN-4)';
    case 'normalAge':
      return `${plan}: normal retirement age ${m.label.replace(/^Age (\d+).*$/, '$1')} (${m.plan === 'MSEP' ? 'ELIG-1' : m.plan === 'MSEP2000' ? 'ELIG-2' : 'ELIG-3'})`;
    case 'backdrop':
      return `${plan}: BackDROP threshold, F + 24 months (BD-1)`;
  }
}

const SHORT_LABEL: Record<Milestone['kind'], (m: Milestone) => string> = {
  F: () => 'F',
  rule: (m) => (m.label.startsWith('Rule of 90') ? 'Rule of 90' : 'Rule of 80'),
  early: () => 'first early',
  age62: () => 'Age 62',
  normalAge: (m) => `normal age ${m.label.replace(/^Age (\d+).*$/, '$1')}`,
  backdrop: () => 'BackDROP F + 24',
};

/** One vertical line per date: the milestones of that date in one label, by plan. */
function chartRules(milestones: Milestone[]): ChartRule[] {
  const byDate = new Map<string, Milestone[]>();
  for (const m of milestones) byDate.set(m.date, [...(byDate.get(m.date) ?? []), m]);
  return [...byDate.entries()].map(([date, ms]) => {
    const groups = new Map<PlanCode | null, string[]>();
    for (const m of ms) groups.set(m.plan, [...(groups.get(m.plan) ?? []), SHORT_LABEL[m.kind](m)]);
    const label = [...groups.entries()].map(([plan, labels]) => `${labels.join(', ')}${plan ? ` (${PLAN_NAMES[plan]})` : ''}`).join('; ');
    const plans = new Set(ms.map((m) => m.plan).filter((p): p is PlanCode => p !== null));
    const only = plans.size === 1 ? [...plans][0]! : null;
    return { key: date, x: monthIndexOf(date), label, color: only ? PLAN_COLORS[only] : '#333333', testid: `chart-milestones-${date}`, date };
  });
}

export function SweepPanel({ sweep, estimate, milestones, chosenDate }: { sweep: SweepState | null; estimate: Estimate | null; milestones: Milestone[]; chosenDate: string | null }) {
  const dates = sweep?.dates ?? [];
  const rows = sweep?.rows ?? [];
  const plans = useMemo(() => {
    const seen: PlanCode[] = [];
    for (const r of rows) for (const p of Object.keys(r.plans) as PlanCode[]) if (!seen.includes(p)) seen.push(p);
    return seen;
  }, [rows]);
  const hasTemp = (p: PlanCode) => rows.some((r) => r.plans[p]?.lifePlusTemporary);

  const chart = useMemo(() => {
    if (dates.length === 0) return null;
    const x0 = monthIndexOf(dates[0]!);
    const x1 = monthIndexOf(dates[dates.length - 1]!);
    let max = 0;
    for (const r of rows) for (const p of Object.values(r.plans)) max = Math.max(max, Number(p.lifePlusTemporary ?? p.life ?? 0));
    const axis = niceAxis(max || 1000);
    const lines: ChartLine[] = [];
    for (const p of plans) {
      const pts = (key: 'life' | 'lifePlusTemporary') => rows.map((r) => (r.plans[p]?.[key] ? { x: monthIndexOf(r.date), y: Number(r.plans[p]![key]) } : null));
      lines.push({ id: `${p}-life`, label: `${PLAN_NAMES[p]} LIFE`, color: PLAN_COLORS[p], points: pts('life') });
      if (rows.some((r) => r.plans[p]?.lifePlusTemporary)) lines.push({ id: `${p}-temp`, label: `${PLAN_NAMES[p]} LIFE + temporary`, color: PLAN_COLORS[p], dash: '7 4', points: pts('lifePlusTemporary') });
    }
    const rules: ChartRule[] = chartRules(milestones);
    if (chosenDate) rules.push({ key: 'chosen', x: monthIndexOf(chosenDate), label: 'R (chosen)', color: '#111111', dash: '1 0', strong: true, testid: 'chart-chosen', date: chosenDate });
    const xTicks = [];
    for (let i = x0; i <= x1; i++) if (i % 6 === 0) xTicks.push({ value: i, label: shortMonth(i) });
    const yTicks = [];
    for (let v = 0; v <= axis.max; v += axis.step) yTicks.push({ value: v, label: wholeDollars(v) });
    return { x0, x1, axis, lines, rules, xTicks, yTicks };
  }, [dates, rows, plans, milestones, chosenDate]);

  const failed = rows.filter((r) => r.error);
  const firstPossible = milestones.filter((m) => m.kind === 'early' || m.kind === 'F').map((m) => m.date).sort()[0] ?? null;
  const outside = dates.length === 0 ? [] : milestones.filter((m) => m.date < dates[0]! || m.date > dates[dates.length - 1]!);
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <Paper sx={{ p: 2 }} component="section" aria-labelledby="sweep-title">
        <Typography variant="h2" component="h2" id="sweep-title">
          Life Income Annuity by retirement date
        </Typography>
        <Typography variant="body2" sx={{ mb: 1 }}>
          The monthly LIFE amount (and LIFE + the temporary benefit, dashed, where it is paid) for each first-of-month retirement date over the next {dates.length} months, without a BackDROP.
          Vertical lines mark the milestones of the estimate for {estimate ? longDate(estimate.retirementDate) : 'the chosen date'}.
        </Typography>
        {sweep && !sweep.done && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
            <LinearProgress variant="determinate" value={(100 * rows.length) / (dates.length || 1)} sx={{ flexGrow: 1, height: 8, borderRadius: 4 }} aria-label="Sweep progress" />
            <Typography data-testid="sweep-progress" role="status">
              {rows.length} of {dates.length}
            </Typography>
          </Box>
        )}
        {sweep?.done && (
          <Typography variant="body2" data-testid="sweep-done" sx={{ mb: 1 }}>
            {rows.length} of {dates.length} dates computed.
          </Typography>
        )}
        {failed.length > 0 && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {failed.length} date{failed.length === 1 ? '' : 's'} could not be computed: {failed[0]!.error}
          </Alert>
        )}
        {sweep?.done && !rows.some((r) => Object.values(r.plans).some((p) => p.life)) && (
          <Alert severity="info" sx={{ mb: 1 }} data-testid="sweep-none">
            No plan pays a benefit for any of these dates
            {firstPossible ? `: the first possible retirement date is ${longDate(firstPossible)}` : ''}.
          </Alert>
        )}
        {chart && outside.length > 0 && (
          <Typography variant="body2" sx={{ mb: 0.5 }} data-testid="sweep-outside">
            Outside the chart: {outside.map((m) => `${m.label} ${shortMonth(monthIndexOf(m.date))}`).join(' · ')}
          </Typography>
        )}
        {chart && (
          <LineChart
            testid="sweep-chart"
            title="Life Income Annuity by retirement date"
            description={`Monthly LIFE amount per plan for retirement dates from ${longDate(dates[0])} to ${longDate(dates[dates.length - 1])}, with milestones.`}
            xDomain={[chart.x0, chart.x1]}
            yMax={chart.axis.max}
            xTicks={chart.xTicks}
            yTicks={chart.yTicks}
            lines={chart.lines}
            rules={chart.rules}
          />
        )}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mt: 1 }} aria-label="Legend" role="list">
          {chart?.lines.map((l) => (
            <Box key={l.id} role="listitem" sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
              <LegendSwatch color={l.color} dash={l.dash} />
              <Typography variant="body2">{l.label}</Typography>
            </Box>
          ))}
        </Box>
      </Paper>
      <Paper sx={{ p: 2 }} component="section" aria-labelledby="milestones-title">
        <Typography variant="h3" component="h2" id="milestones-title" sx={{ mb: 1 }}>
          Milestones
        </Typography>
        <Table size="small" data-testid="milestones">
          <TableHead>
            <TableRow>
              <TableCell>Milestone</TableCell>
              <TableCell>Date</TableCell>
              <TableCell>On the chart</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {estimate &&
              milestones.map((m) => {
                const inRange = dates.length > 0 && m.date >= dates[0]! && m.date <= dates[dates.length - 1]!;
                return (
                  <TableRow key={m.id} data-testid={`milestone-${m.id}`} data-date={m.date} data-kind={m.kind} data-plan={m.plan ?? ''}>
                    <TableCell>{milestoneText(m, estimate)}</TableCell>
                    <TableCell>{longDate(m.date)}</TableCell>
                    <TableCell>{dates.length === 0 ? '—' : inRange ? 'Yes' : m.date < dates[0]! ? 'No: before the first date' : 'No: after the last date'}</TableCell>
                  </TableRow>
                );
              })}
          </TableBody>
        </Table>
      </Paper>
      <Accordion disableGutters>
        <AccordionSummary aria-controls="sweep-table" id="sweep-table-header">
          <Typography sx={{ fontWeight: 700 }}>The sweep as a table ({rows.length} dates)</Typography>
        </AccordionSummary>
        <AccordionDetails id="sweep-table">
          <TableContainer sx={{ maxHeight: 420 }}>
            <Table size="small" stickyHeader data-testid="sweep-table">
              <TableHead>
                <TableRow>
                  <TableCell>Retirement date</TableCell>
                  {plans.map((p) => (
                    <TableCell key={p} align="right">
                      {PLAN_NAMES[p]} LIFE
                    </TableCell>
                  ))}
                  {plans.filter(hasTemp).map((p) => (
                    <TableCell key={`${p}-t`} align="right">
                      {PLAN_NAMES[p]} LIFE + temporary
                    </TableCell>
                  ))}
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={r.date} selected={r.date === chosenDate}>
                    <TableCell>{longDate(r.date)}</TableCell>
                    {plans.map((p) => (
                      <TableCell key={p} align="right" data-testid={`sweep-${r.date}-${p}-life`}>
                        {r.plans[p]?.life ? money(r.plans[p]!.life) : r.error ? 'error' : 'not eligible'}
                      </TableCell>
                    ))}
                    {plans.filter(hasTemp).map((p) => (
                      <TableCell key={`${p}-t`} align="right" data-testid={`sweep-${r.date}-${p}-lifePlusTemporary`}>
                        {money(r.plans[p]?.lifePlusTemporary)}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        </AccordionDetails>
      </Accordion>
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Switch from '@mui/material/Switch';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useMemo, useRef, useState } from 'react';
import { retiresFromActive } from '../../../../shared/calc/eligibility';
import type { PlanCode } from '../../../../shared/domain/case-schema';
import type { Estimate } from '../../../../shared/domain/estimate-schema';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { longDate, longMonth, PLAN_NAMES } from '../../components/format';
import { todayIso } from '../../components/today';
import { BreakEvenPanel } from './BreakEvenPanel';
import { milestones as milestonesOf, retirementDateChoices, sweepDates, sweepRow } from './board-math';
import { OptionMatrix } from './OptionMatrix';
import { PlanCard } from './PlanCard';
import { SavedScenarios } from './SavedScenarios';
import { SweepPanel, type SweepState } from './SweepPanel';

type Member = ChannelOutput<'members:get'>;
type Basis = ChannelOutput<'bases:list'>[number];
type Inputs = { retirementDate: string | null; backdropMonths: number | null; basis: string | null; plan: PlanCode | null };
type Scenario = ChannelOutput<'scenarios:get'>;
const sameScenario = (a: Inputs, s: Scenario) => a.retirementDate === s.retirementDate && a.backdropMonths === s.backdropMonths && a.basis === s.actuarialBasis && a.plan === s.plan;
type View = 'options' | 'sweep' | 'breakeven' | 'saved';

/** Wait this long after the last change of a control before recomputing. */
const DEBOUNCE_MS = 0;

/** A bridge failure (not a Result) as an error to show. */
function failure(e: unknown): { ok: false; error: AppError } {
  return { ok: false, error: { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) } };
}

/** The member record's fields by the names on its screen, for messages that say what to fix. */
const FIELD_LABELS: Record<string, string> = {
  retirementDate: 'Retirement date',
  firstEmploymentDate: 'First benefit-eligible employment',
  lastDayWorked: 'Last day worked',
  birthDate: 'Birth date',
  'spouse.birthDate': 'Spouse’s birth date',
  service: 'Service',
  finalAveragePay: 'Final average pay',
  backdropMonths: 'BackDROP period',
  actuarialBasis: 'Actuarial basis',
  payHistory: 'Pay history',
};
const labelOf = (field: string) => FIELD_LABELS[field] ?? FIELD_LABELS[field.split('.')[0] ?? ''] ?? field.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());

function fieldLines(error: AppError | null): string[] {
  return Object.entries(error?.fields ?? {}).map(([field, message]) => `${labelOf(field)} ${message}. Correct it on the member record (Alt+2).`);
}

/** The counselor's detail (rule ids, factors, basis ids) stays on or off across the board's visits. */
let detailOn = false;

/** A scenario in the member's words: "July 1, 2027 · 24-month BackDROP · MSEP 2000 · standard factors". */
export function describeScenario(s: { retirementDate: string | null; backdropMonths: number | null; plan: string | null; actuarialBasis: string | null }, bases: { id: string; name: string }[] = []): string {
  const basis = s.actuarialBasis ? (bases.find((b) => b.id === s.actuarialBasis)?.name ?? s.actuarialBasis) : 'the standard factors';
  return [
    s.retirementDate ? `retiring ${longDate(s.retirementDate)}` : 'no retirement date yet',
    s.backdropMonths ? `${s.backdropMonths}-month BackDROP` : 'no BackDROP',
    s.plan ? `${PLAN_NAMES[s.plan] ?? s.plan} preferred` : null,
    `figured with ${basis}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The option board: "the heart of the appointment". Every electable plan side by side. */
export function OptionBoard({ memberId }: { memberId: number }) {
  const today = useMemo(() => todayIso(), []);
  const [member, setMember] = useState<Member | null>(null);
  const [bases, setBases] = useState<Basis[]>([]);
  const [installments, setInstallments] = useState(true);
  const [inputs, setInputs] = useState<Inputs | null>(null);
  const [estimate, setEstimate] = useState<Estimate | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [computing, setComputing] = useState(false);
  const [view, setView] = useState<View>('options');
  const [sweep, setSweep] = useState<SweepState | null>(null);
  const [detail, setDetailState] = useState(detailOn);
  const setDetail = (on: boolean) => {
    detailOn = on;
    setDetailState(on);
  };
  /** The member's current scenario (kept in the caseload); the board opens on it. */
  const [scenario, setScenario] = useState<Scenario | null>(null);
  const [usedNote, setUsedNote] = useState<string | null>(null);
  const draftKey = `board:${memberId}`;
  /** The saved scenarios ticked for the side-by-side comparison (kept across the board's tabs). */
  const [picked, setPicked] = useState<number[]>([]);
  const sweepDoneFor = useRef<number | null>(null);
  const requestSeq = useRef(0);

  // The member's stored facts (retirement date, BackDROP period), the bases and the BD-5 setting.
  useEffect(() => {
    let live = true;
    setMember(null);
    setInputs(null);
    setEstimate(null);
    setError(null);
    setNotice(null);
    setSweep(null);
    setComputing(false);
    sweepDoneFor.current = null;
    requestSeq.current++; // a reply for the previous member is stale
    void (async () => {
      const [m, b, s, sc, d] = await Promise.all([api.members.get({ id: memberId }), api.bases.list({}), api.settings.get({}), api.scenarios.get({ memberId }), api.drafts.get({ key: draftKey })]);
      if (!live) return;
      if (b.ok) setBases(b.value);
      if (s.ok) setInstallments(s.value.backdropInstallments);
      if (!m.ok) {
        setError(m.error);
        return;
      }
      setMember(m.value);
      const current = sc.ok ? sc.value : { retirementDate: m.value.retirementDate, backdropMonths: m.value.backdropMonths, plan: null, actuarialBasis: null, updatedAt: null, updatedBy: null };
      setScenario(current);
      // A scenario explored and not yet used survives leaving the board (a draft in the caseload),
      // as long as the current scenario it was explored from has not changed since (a new date
      // on the member record, a scenario used elsewhere): then the board opens on the current one.
      const draft = d.ok && d.value ? (JSON.parse(d.value.json) as { inputs?: Inputs; base?: Inputs }) : null;
      const explored = draft?.inputs && draft.base && sameScenario(draft.base, current) ? draft.inputs : null;
      if (draft && !explored) void api.drafts.delete({ key: draftKey });
      setInputs(explored ?? { retirementDate: current.retirementDate, backdropMonths: current.backdropMonths, basis: current.actuarialBasis, plan: current.plan });
    })();
    return () => {
      live = false;
    };
  }, [memberId, draftKey]);

  // Keep what is explored, when it is not the current scenario, as a draft; drop it once it is.
  useEffect(() => {
    if (!inputs || !scenario) return;
    const t = setTimeout(() => {
      if (sameScenario(inputs, scenario)) void api.drafts.delete({ key: draftKey });
      else {
        const base: Inputs = { retirementDate: scenario.retirementDate, backdropMonths: scenario.backdropMonths, basis: scenario.actuarialBasis, plan: scenario.plan };
        void api.drafts.set({ key: draftKey, json: JSON.stringify({ inputs, base }) });
      }
    }, 300);
    return () => clearTimeout(t);
  }, [inputs, scenario, draftKey]);

  /** "Use for the packet": the explored scenario becomes the member's current one. */
  const useForPacket = async () => {
    if (!inputs || !member || !inputs.retirementDate) return;
    const r = await api.scenarios.use({ memberId, version: member.version, scenario: { retirementDate: inputs.retirementDate, backdropMonths: inputs.backdropMonths, plan: inputs.plan, actuarialBasis: inputs.basis } });
    if (!r.ok) return setError(r.error);
    setMember(r.value.record);
    setScenario(r.value.scenario);
    void api.drafts.delete({ key: draftKey });
    setUsedNote('The packet will be built for this scenario.');
  };

  // Any change of a control recomputes, debounced; the newest request wins and the last board stays up.
  useEffect(() => {
    if (!inputs) return;
    const seq = ++requestSeq.current;
    setComputing(true);
    const timer = setTimeout(() => {
      void (async () => {
        const r = await api.estimates
          .compute({
            memberId,
            ...(inputs.retirementDate ? { retirementDate: inputs.retirementDate } : {}),
            backdropMonths: inputs.backdropMonths,
            actuarialBasis: inputs.basis,
          })
          .catch((e: unknown) => failure(e));
        if (seq !== requestSeq.current) return;
        if (r.ok) {
          setEstimate(r.value);
          setError(null);
          setComputing(false);
        } else if (r.error.code === 'INVALID_INPUT' && r.error.fields?.backdropMonths && inputs.backdropMonths !== null) {
          // BD-2: the chosen period is not allowed at this date; show the board without a BackDROP.
          setNotice(
            `The ${inputs.backdropMonths}-month BackDROP cannot be used${inputs.retirementDate ? ` for a retirement on ${longDate(inputs.retirementDate)}` : ''}: the BackDROP period ${r.error.fields.backdropMonths}. Showing no BackDROP; choose one of the periods offered.`,
          );
          setInputs({ ...inputs, backdropMonths: null });
        } else {
          setError(r.error);
          setComputing(false);
        }
      })();
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [inputs, memberId]);

  // The sweep: computed lazily, once per member, when the Sweep tab is first opened.
  useEffect(() => {
    if (view !== 'sweep' || sweepDoneFor.current === memberId) return;
    let cancelled = false;
    const dates = sweepDates(today);
    setSweep({ dates, rows: [], done: false });
    void (async () => {
      const rows: SweepState['rows'] = [];
      for (const date of dates) {
        const r = await api.estimates.compute({ memberId, retirementDate: date, backdropMonths: null }).catch((e: unknown) => failure(e));
        if (cancelled) return;
        rows.push(r.ok ? sweepRow(r.value) : { date, plans: {}, error: [r.error.message, ...fieldLines(r.error)].join(' ') });
        setSweep({ dates, rows: [...rows], done: false });
      }
      sweepDoneFor.current = memberId;
      setSweep({ dates, rows, done: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [view, memberId, today]);

  const change = (patch: Partial<Inputs>) => {
    setNotice(null);
    setUsedNote(null);
    setInputs((prev) => (prev ? { ...prev, ...patch } : prev));
  };

  const choices = useMemo(() => retirementDateChoices(member?.retirementDate, today), [member, today]);
  const periods = useMemo(() => {
    const out = new Map<number, string[]>();
    for (const r of estimate?.results ?? []) for (const p of r.backdrop.eligible ? r.backdrop.periods : []) out.set(p.months, [...(out.get(p.months) ?? []), PLAN_NAMES[r.plan] ?? r.plan]);
    if (inputs?.backdropMonths && !out.has(inputs.backdropMonths)) out.set(inputs.backdropMonths, []);
    return [...out.entries()].sort((a, b) => a[0] - b[0]);
  }, [estimate, inputs]);
  const milestones = useMemo(() => {
    if (!estimate || !member) return [];
    const active = retiresFromActive(member.lastDayWorked, estimate.retirementDate); // DATE-5
    return milestonesOf(estimate, { active });
  }, [estimate, member]);

  if (!member || !inputs || !scenario) {
    return error ? <ErrorNotice error={error} /> : <LinearProgress aria-label="Loading the member" />;
  }

  const fields = fieldLines(error);
  // Facts more than a year old are projected silently to today: say so, and what to update.
  const yearAgo = `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`;
  const stale: string[] = [];
  if (member.service && member.service.asOf < yearAgo) stale.push(`the service on file is as of ${longDate(member.service.asOf)}`);
  const lastPay = member.payHistory.at(-1)?.month;
  if (lastPay && `${lastPay}-01` < yearAgo.slice(0, 8) + '01' && !member.projection) stale.push(`the last pay on file is for ${longMonth(lastPay)}`);
  const planCount = estimate?.results.length ?? 0;
  const msepChoice = !!estimate && planCount > 1 && estimate.results.some((r) => r.plan === 'MSEP');

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="option-board">
      <Paper component="section" aria-label="Estimate inputs" sx={{ p: 2, pb: 1, position: 'sticky', top: 0, zIndex: 2 }} elevation={2}>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-end' }}>
          <TextField
            select
            size="small"
            label="Retirement date"
            id="board-retirement-date"
            value={inputs.retirementDate ?? ''}
            onChange={(e) => change({ retirementDate: e.target.value || null })}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'board-retirementDate' } }}
            sx={{ minWidth: 235 }}
          >
            {!inputs.retirementDate && <option value="">Choose a date</option>}
            {choices.map((d) => (
              <option key={d} value={d}>
                {longDate(d)}
                {d === member.retirementDate ? ' (on the record)' : ''}
              </option>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label="BackDROP period"
            id="board-backdrop"
            value={inputs.backdropMonths === null ? '' : String(inputs.backdropMonths)}
            onChange={(e) => change({ backdropMonths: e.target.value ? Number(e.target.value) : null })}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'board-backdrop' } }}
            sx={{ minWidth: 190 }}
          >
            <option value="">No BackDROP</option>
            {periods.map(([months, plans]) => (
              <option key={months} value={String(months)}>
                {months} months{planCount > 1 && plans.length === 1 ? ` (${plans[0]} only)` : ''}
              </option>
            ))}
          </TextField>
          <TextField
            select
            size="small"
            label={detail ? "Actuarial basis (OPT-5)" : "Actuarial factors"}
            id="board-basis"
            value={inputs.basis ?? ''}
            onChange={(e) => change({ basis: e.target.value || null })}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'board-basis' } }}
            sx={{ width: 330 }}
          >
            <option value="">Product default</option>
            {bases.map((b) => (
              <option key={b.id} value={b.id}>
                {detail ? `${b.id}: ${b.name}` : b.name}
              </option>
            ))}
          </TextField>
          <FormControlLabel control={<Switch size="small" checked={detail} onChange={(e) => setDetail(e.target.checked)} slotProps={{ input: { 'data-testid': 'board-detail' } as object }} />} label="Counselor detail" title="Rule ids, factors and basis ids beside the figures" />
          <Typography variant="body2" sx={{ ml: 'auto', color: 'text.secondary' }} data-testid="board-shown" data-date={estimate?.retirementDate ?? ''}>
            {estimate ? (
              <>
                Showing <strong>{longDate(estimate.retirementDate)}</strong> · figured on {longDate(estimate.asOf)}
                {detail && ` · engine ${estimate.engineVersion}`}
              </>
            ) : computing ? (
              'Computing…'
            ) : (
              'No estimate yet'
            )}
          </Typography>
        </Box>
        {planCount > 1 && (
          <TextField
            select
            size="small"
            label="Plan the member leans to"
            value={inputs.plan ?? ''}
            onChange={(e) => change({ plan: (e.target.value || null) as PlanCode | null })}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'board-plan' } }}
            sx={{ minWidth: 220, mt: 1.5 }}
          >
            <option value="">Undecided</option>
            {estimate?.results.map((r) => (
              <option key={r.plan} value={r.plan}>
                {PLAN_NAMES[r.plan] ?? r.plan}
              </option>
            ))}
          </TextField>
        )}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center', mt: 1 }} data-testid="board-scenario" data-current={String(sameScenario(inputs, scenario))}>
          <Typography variant="body2">
            {sameScenario(inputs, scenario) ? (
              <>
                <strong>Current scenario</strong> (the packet is built for it): {describeScenario(scenario, bases)}
              </>
            ) : (
              <>
                <strong>Exploring.</strong> The packet is built for the current scenario: {describeScenario(scenario, bases)}
              </>
            )}
          </Typography>
          {!sameScenario(inputs, scenario) && (
            <>
              <Button size="small" variant="contained" onClick={() => void useForPacket()} disabled={!inputs.retirementDate || !estimate || computing} data-testid="use-for-packet">
                Use for the packet
              </Button>
              <Button size="small" onClick={() => change({ retirementDate: scenario.retirementDate, backdropMonths: scenario.backdropMonths, basis: scenario.actuarialBasis, plan: scenario.plan })} data-testid="back-to-current">
                Back to the current scenario
              </Button>
            </>
          )}
          {usedNote && (
            <Typography variant="body2" color="success.main" role="status" data-testid="board-used">
              {usedNote}
            </Typography>
          )}
        </Box>
        <Box sx={{ height: 4, mt: 1 }}>{computing && <LinearProgress aria-label="Computing the estimate" data-testid="board-computing" />}</Box>
      </Paper>

      {error &&
        (fields.length > 0 ? (
          <Alert severity="warning" role="alert" data-testid="board-error">
            <strong>Some fields need attention.</strong> {error.message}
            <Box component="ul" sx={{ m: 0, mt: 0.5, pl: 2.5 }} data-testid="board-error-fields">
              {fields.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </Box>
          </Alert>
        ) : (
          <Box data-testid="board-error">
            <ErrorNotice error={error} />
          </Box>
        ))}
      {stale.length > 0 && (
        <Alert severity="warning" data-testid="board-stale">
          More than a year old: {stale.join(', and ')}. The estimate carries it forward to today as if nothing changed. Update the service and pay on the member record (Alt+2) for a figure the member can rely on.
        </Alert>
      )}
      {notice && (
        <Alert severity="info" onClose={() => setNotice(null)} data-testid="board-notice">
          {notice}
        </Alert>
      )}

      <Tabs value={view} onChange={(_, v: View) => setView(v)} aria-label="Option board views" sx={{ borderBottom: 1, borderColor: 'divider', '& .MuiTab-root.Mui-focusVisible': { outline: '3px solid #f5a623', outlineOffset: '-3px' } }}>
        <Tab value="options" label="Options" id="board-tab-options" aria-controls="board-panel-options" data-testid="board-tab-options" />
        <Tab value="sweep" label="Sweep" id="board-tab-sweep" aria-controls="board-panel-sweep" data-testid="board-tab-sweep" />
        <Tab value="breakeven" label="Break-even" id="board-tab-breakeven" aria-controls="board-panel-breakeven" data-testid="board-tab-breakeven" />
        <Tab value="saved" label="Saved scenarios" id="board-tab-saved" aria-controls="board-panel-saved" data-testid="board-tab-saved" />
      </Tabs>

      <Box role="tabpanel" id={`board-panel-${view}`} aria-labelledby={`board-tab-${view}`}>
        {view === 'options' &&
          (estimate ? (
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
              {msepChoice && (
                <Alert severity="info" data-testid="plan-choice">
                  <strong>MSEP or MSEP 2000: the member chooses</strong>{detail ? ' (PLAN-1)' : ''}. The choice is made on the Retirement Election Form; both are shown side by side.
                </Alert>
              )}
              <OptionMatrix estimate={estimate} />
              <Box sx={{ display: 'grid', gridTemplateColumns: `repeat(${planCount}, minmax(0, 1fr))`, gap: 2, alignItems: 'start' }}>
                {estimate.results.map((r) => (
                  <PlanCard
                    key={r.plan}
                    result={r}
                    retirementDate={estimate.retirementDate}
                    backdropChoice={inputs.backdropMonths}
                    onBackdrop={(months) => change({ backdropMonths: months })}
                    wide={planCount === 1}
                    installments={installments}
                    detail={detail}
                  />
                ))}
              </Box>
            </Box>
          ) : (
            <Typography sx={{ p: 1 }}>{error ? 'Choose a retirement date, or complete the member record, to see the board.' : 'Computing the estimate…'}</Typography>
          ))}
        {view === 'sweep' && <SweepPanel sweep={sweep} estimate={estimate} milestones={milestones} chosenDate={estimate?.retirementDate ?? null} />}
        {view === 'saved' && <SavedScenarios memberId={memberId} explored={inputs} picked={picked} setPicked={setPicked} />}
        {view === 'breakeven' &&
          (estimate ? <BreakEvenPanel key={estimate.retirementDate} estimate={estimate} birthDate={member.birthDate} /> : <Typography>Choose a retirement date to compare payments.</Typography>)}
      </Box>
    </Box>
  );
}

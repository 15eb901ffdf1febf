import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { Estimate } from '../../../../shared/domain/estimate-schema';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { longDate, money, OPTION_NAMES, PLAN_NAMES } from '../../components/format';

type Saved = ChannelOutput<'estimates:list'>[number];
type Explored = { retirementDate: string | null; backdropMonths: number | null; basis: string | null };

/** The figures of one plan under a saved estimate: the BackDROP's when one was chosen (BD-3, BD-4). */
function planFigures(e: Estimate) {
  return e.results.map((r) => {
    const bd = r.backdrop.periods.find((p) => p.selected) ?? null;
    const options = bd ? bd.options : r.options;
    return { plan: r.plan, status: r.status, bd, options, temporary: bd ? bd.temporaryAtRetirement : (r.temporaryBenefit?.monthly ?? null) };
  });
}

/**
 * Scenarios saved with a label (estimates:save, the exact case and figures), and any two or more
 * of them side by side: date, BackDROP, and each plan's monthly amounts.
 */
export function SavedScenarios({ memberId, explored, picked, setPicked }: { memberId: number; explored: Explored; picked: number[]; setPicked: React.Dispatch<React.SetStateAction<number[]>> }) {
  const [list, setList] = useState<Saved[]>([]);
  const [label, setLabel] = useState('');
  const [shown, setShown] = useState<{ id: number; label: string | null; estimate: Estimate; backdropMonths: number | null }[]>([]);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const r = await api.estimates.list({ memberId });
    if (r.ok) setList(r.value.filter((e) => e.label));
    else setError(r.error);
  }, [memberId]);
  useEffect(() => void load(), [load]);

  useEffect(() => {
    let live = true;
    void Promise.all(picked.map((id) => api.estimates.get({ id }))).then((rs) => {
      if (!live) return;
      const ok = rs.flatMap((r) => (r.ok ? [r.value] : []));
      setShown(ok.map((g) => ({ id: g.id, label: list.find((l) => l.id === g.id)?.label ?? null, estimate: g.estimate, backdropMonths: g.case.backdrop?.months ?? null })));
    });
    return () => {
      live = false;
    };
  }, [picked, list]);

  const save = async () => {
    if (!explored.retirementDate) return;
    const r = await api.estimates.save({ memberId, retirementDate: explored.retirementDate, backdropMonths: explored.backdropMonths, actuarialBasis: explored.basis, label: label.trim() });
    if (!r.ok) return setError(r.error);
    setError(null);
    setLabel('');
    await load();
    setPicked((p) => [...p, r.value.id]);
  };

  const plans = [...new Set(shown.flatMap((s) => s.estimate.results.map((r) => r.plan)))];
  const codes = [...new Set(shown.flatMap((s) => planFigures(s.estimate).flatMap((p) => p.options.map((o) => o.code))))];
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }} data-testid="saved-scenarios">
      <ErrorNotice error={error} />
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField size="small" label="Label for this scenario" value={label} onChange={(e) => setLabel(e.target.value)} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'scenario-label' } }} helperText="For example: retire at 62 with a 24-month BackDROP" sx={{ minWidth: 360 }} />
        <Button variant="outlined" onClick={() => void save()} disabled={label.trim() === '' || !explored.retirementDate} data-testid="save-scenario">
          Save scenario
        </Button>
      </Box>
      {list.length === 0 ? (
        <Typography color="text.secondary">No saved scenarios yet. Give the scenario on the board a label and save it to compare it with others.</Typography>
      ) : (
        <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }} aria-label="Saved scenarios">
          {list.map((e) => (
            <li key={e.id}>
              <label>
                <Checkbox size="small" checked={picked.includes(e.id)} onChange={(ev) => setPicked((p) => (ev.target.checked ? [...p, e.id] : p.filter((x) => x !== e.id)))} slotProps={{ input: { 'aria-label': `Compare ${e.label}` } }} />
                {e.label} · retiring {longDate(e.retirementDate)} · saved {new Date(e.createdAt).toLocaleString()}
              </label>
            </li>
          ))}
        </Box>
      )}
      {shown.length > 0 && (
        <Table size="small" aria-label="Saved scenarios side by side" data-testid="scenario-compare">
          <TableHead>
            <TableRow>
              <TableCell />
              {shown.map((s) => (
                <TableCell key={s.id} align="right" sx={{ fontWeight: 700 }}>
                  {s.label}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            <TableRow>
              <TableCell component="th">Retirement date</TableCell>
              {shown.map((s) => (
                <TableCell key={s.id} align="right">{longDate(s.estimate.retirementDate)}</TableCell>
              ))}
            </TableRow>
            <TableRow>
              <TableCell component="th">BackDROP</TableCell>
              {shown.map((s) => (
                <TableCell key={s.id} align="right">{s.backdropMonths ? `${s.backdropMonths} months` : 'None'}</TableCell>
              ))}
            </TableRow>
            {plans.map((plan) => (
              <PlanRows key={plan} plan={plan} shown={shown} codes={codes} />
            ))}
          </TableBody>
        </Table>
      )}
    </Box>
  );
}

function PlanRows({ plan, shown, codes }: { plan: string; shown: { id: number; estimate: Estimate }[]; codes: string[] }) {
  const fig = (e: Estimate) => planFigures(e).find((p) => p.plan === plan);
  return (
    <>
      <TableRow>
        <TableCell component="th" colSpan={shown.length + 1} sx={{ fontWeight: 700, bgcolor: 'action.hover' }}>
          {PLAN_NAMES[plan] ?? plan}
        </TableCell>
      </TableRow>
      {codes.map((code) => (
        <TableRow key={code}>
          <TableCell component="th">{OPTION_NAMES[code] ?? code}, monthly</TableCell>
          {shown.map((s) => {
            const o = fig(s.estimate)?.options.find((x) => x.code === code);
            return (
              <TableCell key={s.id} align="right" data-testid={`compare-${s.id}-${plan}-${code}`}>
                {o ? money(o.monthly) : 'not offered'}
              </TableCell>
            );
          })}
        </TableRow>
      ))}
      <TableRow>
        <TableCell component="th">BackDROP lump sum</TableCell>
        {shown.map((s) => (
          <TableCell key={s.id} align="right">{fig(s.estimate)?.bd ? money(fig(s.estimate)!.bd!.lumpSum) : '—'}</TableCell>
        ))}
      </TableRow>
      <TableRow>
        <TableCell component="th">Temporary benefit until 62</TableCell>
        {shown.map((s) => (
          <TableCell key={s.id} align="right">{money(fig(s.estimate)?.temporary ?? null)}</TableCell>
        ))}
      </TableRow>
    </>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { FormId, FormStatus, ProofDocument } from '../../../../shared/domain/member';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { DateTextField } from '../../components/DateTextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { todayIso } from '../../components/today';
import { dateTextOf, parseDateText } from '../../../../shared/domain/date-text';
import { longDate } from '../../components/format';

type Process = ChannelOutput<'process:get'>;
const STATUS_LABEL: Record<FormStatus, string> = { 'not-started': 'Not started', 'in-progress': 'In progress', received: 'Received' };
const REQ_LABEL = { required: 'Required', 'if-applicable': 'If applicable', optional: 'Optional' } as const;

export function ProcessTracker({ memberId }: { memberId: number }) {
  const [p, setP] = useState<Process | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(async () => {
    const r = await api.process.get({ memberId });
    if (r.ok) setP(r.value);
    else setError(r.error);
  }, [memberId]);
  useEffect(() => void load(), [load]);

  const setForm = async (form: FormId, status: FormStatus, receivedOn?: string) => {
    if (!p) return;
    const r = await api.process.setForm({ memberId, version: p.version, form, status, ...(receivedOn ? { receivedOn } : {}) });
    if (r.ok) {
      setP(r.value);
      setError(null);
    } else {
      setError(r.error);
      if (r.error.code === 'CONFLICT') void load();
    }
  };
  const setProof = async (document: ProofDocument, received: boolean, receivedOn?: string) => {
    if (!p) return;
    const r = await api.process.setProof({ memberId, version: p.version, document, received, ...(receivedOn ? { receivedOn } : {}) });
    if (r.ok) setP(r.value);
    else {
      setError(r.error);
      if (r.error.code === 'CONFLICT') void load();
    }
  };

  if (!p) return <ErrorNotice error={error} />;
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' }, gap: 2 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <ErrorNotice error={error} />
        {!p.deadlines && <Alert severity="info">Enter a retirement date on the member record to see the due dates (PROC-1, PROC-2).</Alert>}
        {([1, 2] as const).map((step) => {
          const prog = step === 1 ? p.progress.step1 : p.progress.step2;
          const pct = prog.required === 0 ? 100 : Math.round((100 * prog.received) / prog.required);
          return (
            <Paper key={step} sx={{ p: 2 }} component="section" aria-labelledby={`step${step}-title`}>
              <Typography variant="h2" component="h2" id={`step${step}-title`}>
                Step {step}: {step === 1 ? 'Retirement Application' : 'Retirement Election'}
                {p.deadlines && ` — due ${longDate(step === 1 ? p.deadlines.applicationDue : p.deadlines.electionDue)}`}
              </Typography>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, my: 1 }}>
                <LinearProgress variant="determinate" value={pct} sx={{ flexGrow: 1, height: 10, borderRadius: 5 }} aria-label={`Step ${step} progress`} />
                <Typography data-testid={`step${step}-progress`}>
                  {prog.received} of {prog.required} required forms received
                </Typography>
              </Box>
              <Table size="small">
                <TableHead>
                  <TableRow>
                    <TableCell>Form</TableCell>
                    <TableCell>Needed</TableCell>
                    <TableCell>Due</TableCell>
                    <TableCell sx={{ width: 200 }}>Status</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {p.forms
                    .filter((f) => f.step === step)
                    .map((f) => (
                      <TableRow key={f.form}>
                        <TableCell>
                          {f.title}{' '}
                          {f.warning === 'overdue' && <Chip size="small" color="error" label="Overdue" />}
                          {f.warning === 'due-soon' && <Chip size="small" color="warning" label="Due soon" />}
                        </TableCell>
                        <TableCell>{REQ_LABEL[f.requirement]}</TableCell>
                        <TableCell>{f.dueDate ? longDate(f.dueDate) : '—'}</TableCell>
                        <TableCell>
                          <TextField
                            select
                            size="small"
                            fullWidth
                            value={f.status}
                            onChange={(e) => void setForm(f.form, e.target.value as FormStatus)}
                            slotProps={{ htmlInput: { 'aria-label': `${f.title} status`, 'data-testid': `status-${f.form}` } }}
                          >
                            {(Object.keys(STATUS_LABEL) as FormStatus[]).map((s) => (
                              <MenuItem key={s} value={s}>
                                {STATUS_LABEL[s]}
                              </MenuItem>
                            ))}
                          </TextField>
                          {f.status === 'received' && <ReceivedOn label="Received on" value={f.receivedOn} testId={`received-${f.form}`} onSave={(iso) => setForm(f.form, 'received', iso)} />}
                        </TableCell>
                      </TableRow>
                    ))}
                </TableBody>
              </Table>
            </Paper>
          );
        })}
      </Box>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Paper sx={{ p: 2 }}>
          <Typography variant="h3" component="h2">
            Proof documents (FORM-1)
          </Typography>
          {p.proofs.map((d) => (
            <Box key={d.document}>
              <FormControlLabel
                sx={{ display: 'flex' }}
                control={<Checkbox checked={d.received} disabled={!d.required && !d.received} onChange={(e) => void setProof(d.document, e.target.checked)} />}
                label={`${d.title}${d.required ? '' : ' (not needed)'}`}
              />
              {d.received && <ReceivedOn label="Received on" value={d.receivedOn} testId={`received-${d.document}`} onSave={(iso) => setProof(d.document, true, iso)} />}
            </Box>
          ))}
        </Paper>
        <Paper sx={{ p: 2 }}>
          <Typography variant="h3" component="h2">
            What is missing
          </Typography>
          {p.missing.length === 0 ? (
            <Typography data-testid="missing-none">Nothing: every required form and document is in.</Typography>
          ) : (
            <ul data-testid="missing-list">
              {p.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
          {p.idealWindow && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              Best time for the other forms (PROC-3): {longDate(p.idealWindow.from)} to {longDate(p.idealWindow.to)}.
            </Typography>
          )}
          {p.deadlines && (
            <Typography variant="body2" sx={{ mt: 1 }}>
              The application may be filed from {longDate(p.deadlines.applicationEarliest)}. It becomes void if the process is not complete by {longDate(p.deadlines.voidAfter)}. First payment: {longDate(p.deadlines.firstPaymentDate)}.
            </Typography>
          )}
        </Paper>
      </Box>
    </Box>
  );
}

/**
 * The day a form or proof came in (marked received: today unless typed otherwise). Saved when the
 * field is left or Enter is pressed, only as a whole calendar date (DATE-1), never after today.
 */
function ReceivedOn({ label, value, testId, onSave }: { label: string; value: string | null; testId: string; onSave: (iso: string) => Promise<void> }) {
  const [text, setText] = useState(dateTextOf(value));
  const [error, setError] = useState<string | undefined>(undefined);
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setText(dateTextOf(value));
  }
  const commit = () => {
    if (text.trim() === '' && !value) return;
    const r = parseDateText(text);
    if (!r.ok) return setError(r.message);
    if (r.iso > todayIso()) return setError('That day is after today. Type the day it came in.');
    setError(undefined);
    if (r.iso !== value) void onSave(r.iso);
  };
  return (
    <Box sx={{ mt: 1 }} onKeyDown={(e) => e.key === 'Enter' && commit()}>
      <DateTextField label={label} value={text} onChange={(t) => (setText(t), setError(undefined))} onBlur={commit} error={error} helperText={value ? 'MM/DD/YYYY' : 'Not recorded: type the day it came in'} testId={testId} />
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/ipc/result';
import { api, on } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { describeScenario } from '../options/OptionBoard';

type Built = ChannelOutput<'documents:packet'>;

/**
 * Build the member's appointment packet, then save or print it. The PDF carries full SSNs and
 * account numbers, so it stays in the main process: this screen sees its contents, never its bytes.
 */
export function PrintScreen({ memberId }: { memberId: number }) {
  const [flatten, setFlatten] = useState(true);
  const [progress, setProgress] = useState<{ done: number; total: number; label: string } | null>(null);
  const [built, setBuilt] = useState<Built | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => on('packet:progress', setProgress), []);
  // The scenario the packet will be built for, stated before building (set on the option board).
  const [scenario, setScenario] = useState<ChannelOutput<'scenarios:get'> | null>(null);
  const [bases, setBases] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    let live = true;
    void Promise.all([api.scenarios.get({ memberId }), api.bases.list({})]).then(([s, b]) => {
      if (!live) return;
      if (s.ok) setScenario(s.value);
      else setError(s.error);
      if (b.ok) setBases(b.value);
    });
    return () => {
      live = false;
    };
  }, [memberId]);

  const build = async () => {
    setBusy(true);
    setError(null);
    setDone(null);
    setBuilt(null);
    setProgress({ done: 0, total: 1, label: 'starting' });
    const r = await api.documents.packet({ memberId, flatten });
    setBusy(false);
    if (r.ok) setBuilt(r.value);
    else setError(r.error);
  };
  const save = async () => {
    if (!built) return;
    const r = await api.documents.save({ token: built.token });
    if (!r.ok) return setError(r.error);
    setError(null);
    setDone(r.value.saved ? `Saved to ${r.value.path}` : 'Not saved.');
  };
  const print = async () => {
    if (!built) return;
    const r = await api.documents.print({ token: built.token });
    if (!r.ok) return setError(r.error);
    setError(null);
    setDone(r.value.printed ? 'Sent to the printer.' : 'Not printed.');
  };

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '360px 1fr' }, gap: 2 }}>
      <Paper sx={{ p: 2, alignSelf: 'start' }}>
        <Typography variant="h2" component="h2" gutterBottom>
          Appointment packet
        </Typography>
        <Typography variant="body2" gutterBottom>
          Cover sheet with the checklist, the benefit estimate, the personalized Retirement Election Form and every form still open.
        </Typography>
        <Alert severity={scenario?.retirementDate ? 'info' : 'warning'} icon={false} sx={{ my: 1 }} data-testid="print-scenario">
          {scenario ? (
            scenario.retirementDate ? (
              <>
                <strong>Built for the current scenario:</strong> {describeScenario(scenario, bases)}. Change it on the option board with “Use for the packet”. The forms show every choice unmarked for the member to make.
              </>
            ) : (
              'There is no retirement date yet: choose one on the option board and use it for the packet.'
            )
          ) : (
            'Reading the scenario…'
          )}
        </Alert>
        <RadioGroup value={flatten ? 'flat' : 'fillable'} onChange={(e) => setFlatten(e.target.value === 'flat')} aria-label="Form fields">
          <FormControlLabel value="flat" control={<Radio />} label="Flattened, for printing" />
          <FormControlLabel value="fillable" control={<Radio />} label="Fillable, to complete and sign in the office" />
        </RadioGroup>
        <Button variant="contained" onClick={() => void build()} disabled={busy || !scenario?.retirementDate} data-testid="build-packet" sx={{ mt: 1 }}>
          {busy ? 'Building…' : 'Build packet'}
        </Button>
        {progress && busy && (
          <Box sx={{ mt: 2 }} role="status" aria-live="polite">
            <LinearProgress variant="determinate" value={(100 * progress.done) / Math.max(progress.total, 1)} />
            <Typography variant="body2">
              {progress.done} of {progress.total}: {progress.label}
            </Typography>
          </Box>
        )}
        <ErrorNotice error={error} />
        {built && (
          <Box sx={{ mt: 2, display: 'flex', flexDirection: 'column', gap: 1 }}>
            <Alert severity="success" data-testid="packet-ready">
              {built.pageCount} pages ready ({Math.round(built.bytes / 1024)} KB): {built.fileName}. Built for {describeScenario({ ...built.scenario, plan: null }, bases)}.
            </Alert>
            <Button variant="outlined" onClick={() => void save()} data-testid="save-packet">
              Save PDF…
            </Button>
            <Button variant="outlined" onClick={() => void print()} data-testid="print-packet">
              Print…
            </Button>
            {done && (
              <Typography role="status" data-testid="packet-done">
                {done}
              </Typography>
            )}
          </Box>
        )}
      </Paper>
      <Paper sx={{ p: 2 }}>
        <Typography variant="h3" component="h2" gutterBottom>
          Contents
        </Typography>
        {built ? (
          <Table size="small" aria-label="Packet contents" data-testid="packet-contents">
            <TableHead>
              <TableRow>
                <TableCell>Document</TableCell>
                <TableCell align="right">Pages</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {built.documents.map((d) => (
                <TableRow key={`${d.firstPage}-${d.title}`}>
                  <TableCell>{d.title}</TableCell>
                  <TableCell align="right">{d.firstPage === d.lastPage ? d.firstPage : `${d.firstPage}–${d.lastPage}`}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : (
          <Typography color="text.secondary">The contents appear here once the packet is built.</Typography>
        )}
      </Paper>
    </Box>
  );
}

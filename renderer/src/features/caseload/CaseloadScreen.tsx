import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import type { MemberSummary } from '../../../../shared/domain/member';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AddMemberDialog } from './AddMemberDialog';
import { longDate } from '../../components/format';
import { firstOfMonthPlus, todayIso } from '../../components/today';
import type { View } from '../../app/App';

type Appointment = ChannelOutput<'appointments:list'>[number];
type Upcoming = MemberSummary & { missing: number; overdue: number };

export function CaseloadScreen({ onOpen }: { onOpen: (m: MemberSummary, view?: View) => void }) {
  const [query, setQuery] = useState('');
  const [archived, setArchived] = useState(false);
  const [adding, setAdding] = useState(false);
  const [rows, setRows] = useState<MemberSummary[]>([]);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [upcoming, setUpcoming] = useState<Upcoming[]>([]);
  const [today, setToday] = useState<Appointment[]>([]);
  const [fieldSession, setFieldSession] = useState<Appointment | null>(null);
  const rowRefs = useRef<(HTMLTableRowElement | null)[]>([]);
  const seq = useRef(0);

  // Search as you type: the newest query wins.
  useEffect(() => {
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      const r = await api.members.search({ query, limit: 50, includeArchived: archived });
      if (mine !== seq.current) return;
      if (r.ok) {
        setRows(r.value);
        setActive(0);
        setError(null);
      } else setError(r.error);
    }, 0);
    return () => clearTimeout(t);
  }, [query, archived]);

  useEffect(() => {
    const day = todayIso();
    void (async () => {
      const soon = await api.members.search({ retiringFrom: day, retiringTo: firstOfMonthPlus(day, 6), limit: 25 });
      if (soon.ok) {
        const withProcess = await Promise.all(
          soon.value.map(async (m) => {
            const p = await api.process.get({ memberId: m.id });
            return {
              ...m,
              missing: p.ok ? p.value.missing.length : 0,
              overdue: p.ok ? p.value.forms.filter((f) => f.warning === 'overdue').length : 0,
            };
          }),
        );
        setUpcoming(withProcess);
      }
      const appts = await api.appointments.list({ from: day, to: firstOfMonthPlus(day, 12) });
      if (appts.ok) {
        setToday(appts.value.filter((a) => a.date === day));
        setFieldSession(appts.value.find((a) => a.kind === 'field-session') ?? null);
      }
    })();
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = Math.max(0, Math.min(rows.length - 1, active + (e.key === 'ArrowDown' ? 1 : -1)));
      setActive(next);
      rowRefs.current[next]?.focus();
    } else if (e.key === 'Enter' && rows[active]) {
      e.preventDefault();
      onOpen(rows[active]);
    }
  };

  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '2fr 1fr' }, gap: 2 }}>
      <Paper sx={{ p: 2 }}>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
          <Typography variant="h2" component="h2" sx={{ flexGrow: 1 }}>
            Find a member
          </Typography>
          <FormControlLabel control={<Checkbox size="small" checked={archived} onChange={(e) => setArchived(e.target.checked)} slotProps={{ input: { 'data-testid': 'show-archived' } as object }} />} label="Show archived" />
          <Button variant="outlined" onClick={() => setAdding(true)} data-testid="add-member">
            Add member
          </Button>
        </Box>
        <AddMemberDialog
          open={adding}
          onClose={() => setAdding(false)}
          onAdded={(r) => {
            setAdding(false);
            onOpen({ id: r.id, memberId: r.memberId, firstName: r.firstName, lastName: r.lastName, ssnMasked: r.ssnMasked, birthDate: r.birthDate, retirementDate: r.retirementDate, archived: r.archived });
          }}
        />
        <TextField
          label="Search members"
          helperText="A name in any order (Smith John, Smith, John, Reyes for Thompson-Reyes), a member ID, the last 4 digits or the whole SSN. ↓ and Enter to open."
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
          fullWidth
          slotProps={{ htmlInput: { 'aria-controls': 'search-results', 'data-testid': 'search' } }}
        />
        <ErrorNotice error={error} />
        <Table size="small" id="search-results" aria-label="Search results" sx={{ mt: 1 }}>
          <TableHead>
            <TableRow>
              <TableCell>Member ID</TableCell>
              <TableCell>Name</TableCell>
              <TableCell>SSN</TableCell>
              <TableCell>Birth date</TableCell>
              <TableCell>Retirement date</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((m, i) => (
              <TableRow
                key={m.id}
                hover
                selected={i === active}
                tabIndex={0}
                ref={(el) => {
                  rowRefs.current[i] = el;
                }}
                onClick={() => onOpen(m)}
                onKeyDown={onKeyDown}
                onFocus={() => setActive(i)}
                sx={{ cursor: 'pointer' }}
                data-testid="search-row"
              >
                <TableCell>{m.memberId}</TableCell>
                <TableCell>
                  {m.lastName}, {m.firstName} {m.archived && <Chip size="small" label="archived" />}
                </TableCell>
                <TableCell>{m.ssnMasked ?? '—'}</TableCell>
                <TableCell>{longDate(m.birthDate)}</TableCell>
                <TableCell>{longDate(m.retirementDate)}</TableCell>
              </TableRow>
            ))}
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>No members match “{query}”.</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Paper>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Paper sx={{ p: 2 }}>
          <Typography variant="h3" component="h2">
            Retiring in the next six months
          </Typography>
          <List dense aria-label="Upcoming retirements">
            {upcoming.map((m) => (
              <ListItem key={m.id} disablePadding secondaryAction={m.overdue > 0 ? <Chip size="small" color="error" label={`${m.overdue} overdue`} /> : m.missing > 0 ? <Chip size="small" color="warning" label={`${m.missing} missing`} /> : <Chip size="small" color="success" label="complete" />}>
                <ListItemText
                  primary={
                    <a href="#" onClick={(e) => (e.preventDefault(), onOpen(m, 'process'))}>
                      {m.lastName}, {m.firstName}
                    </a>
                  }
                  secondary={longDate(m.retirementDate)}
                />
              </ListItem>
            ))}
            {upcoming.length === 0 && <ListItem>No retirements in the next six months.</ListItem>}
          </List>
        </Paper>
        <Paper sx={{ p: 2 }}>
          <Typography variant="h3" component="h2">
            Today’s appointments
          </Typography>
          <List dense aria-label="Today's appointments">
            {today.map((a) => (
              <ListItem key={a.id}>
                <ListItemText primary={`${a.time ?? ''} ${a.kind} — ${a.place}`} secondary={a.note} />
              </ListItem>
            ))}
            {today.length === 0 && <ListItem>No appointments today.</ListItem>}
          </List>
          <Typography variant="h3" component="h2" sx={{ mt: 1 }}>
            Next field session
          </Typography>
          <Typography data-testid="next-field-session">{fieldSession ? `${longDate(fieldSession.date)} — ${fieldSession.place}` : 'None scheduled.'}</Typography>
        </Paper>
      </Box>
    </Box>
  );
}

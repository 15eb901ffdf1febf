import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import { APPOINTMENT_KINDS } from '../../../../shared/domain/member';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { useConfirmUndo } from '../../components/ConfirmUndo';
import { DateTextField } from '../../components/DateTextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { dateTextOf, parseDateText } from '../../../../shared/domain/date-text';
import { longDate } from '../../components/format';
import { todayIso } from '../../components/today';

type Note = ChannelOutput<'notes:list'>[number];
type Appointment = ChannelOutput<'appointments:list'>[number];

/** Counselor notes and the member's appointments and field sessions. */
export function NotesSection({ memberId }: { memberId: number }) {
  const [notes, setNotes] = useState<Note[]>([]);
  const [appts, setAppts] = useState<Appointment[]>([]);
  const [text, setText] = useState('');
  const [appt, setAppt] = useState({ date: dateTextOf(todayIso()), time: '', place: '', kind: 'office' as (typeof APPOINTMENT_KINDS)[number] });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);

  // Deleting an appointment asks first, then waits a few seconds for Undo before it is deleted (audited).
  const [removing, setRemoving] = useState<number | null>(null);
  const removingRef = useRef<number | null>(null);
  const removal = useConfirmUndo(async () => {
    const id = removingRef.current;
    if (id === null) return;
    const r = await api.appointments.delete({ id });
    removingRef.current = null;
    setRemoving(null);
    if (!r.ok) setError(r.error);
    void load();
  });
  const askRemove = (a: Appointment) => {
    removingRef.current = a.id;
    removal.ask({ title: `Delete the appointment on ${longDate(a.date)}?`, text: `${longDate(a.date)}${a.time ? ` at ${a.time}` : ''}, ${a.kind}, ${a.place}.`, done: 'Appointment deleted.' });
  };
  useEffect(() => {
    if (removal.pending) setRemoving(removingRef.current);
    else if (removingRef.current !== null && removing !== null) {
      // Undone: show it again.
      removingRef.current = null;
      setRemoving(null);
    }
  }, [removal.pending, removing]);

  const load = useCallback(async () => {
    const n = await api.notes.list({ memberId });
    if (n.ok) setNotes(n.value);
    const a = await api.appointments.list({ memberId });
    if (a.ok) setAppts(a.value);
  }, [memberId]);
  useEffect(() => void load(), [load]);

  const addNote = async () => {
    const r = await api.notes.add({ memberId, text });
    if (r.ok) {
      setText('');
      setErrors({});
      setError(null);
      void load();
    } else {
      setError(r.error);
      setErrors(r.error.fields ?? {});
    }
  };
  const addAppt = async () => {
    // DATE-1: the date as typed must be a whole calendar date before anything is sent.
    const date = parseDateText(appt.date);
    if (!date.ok) return setErrors({ date: date.message });
    const r = await api.appointments.create({ memberId, date: date.iso, time: appt.time || null, place: appt.place, kind: appt.kind, note: null });
    if (r.ok) {
      setErrors({});
      setError(null);
      void load();
    } else {
      setError(r.error);
      setErrors(r.error.fields ?? {});
    }
  };
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="notes-title">
      <Typography variant="h3" component="h2" id="notes-title" gutterBottom>
        Notes and appointments
      </Typography>
      <ErrorNotice error={error} />
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
        <TextField label="New note" value={text} onChange={(e) => setText(e.target.value)} multiline minRows={2} fullWidth size="small" error={Boolean(errors.text)} helperText={errors.text ?? ' '} />
        <Button variant="outlined" onClick={() => void addNote()} disabled={text.trim() === ''}>
          Add note
        </Button>
      </Box>
      <List dense aria-label="Notes" sx={{ maxHeight: 160, overflow: 'auto' }}>
        {notes.map((n) => (
          <ListItem key={n.id} disableGutters>
            <ListItemText primary={n.text} secondary={`${new Date(n.createdAt).toLocaleString()} · ${n.author}`} />
          </ListItem>
        ))}
      </List>
      <Box sx={{ display: 'grid', gridTemplateColumns: '170px 110px 150px', gridTemplateAreas: `'date time kind' 'place place add'`, gap: 1, alignItems: 'flex-start', mt: 1 }}>
        <Box sx={{ gridArea: 'date' }}>
          <DateTextField label="Date" value={appt.date} onChange={(date) => (setAppt({ ...appt, date }), setErrors(({ date: _, ...rest }) => rest))} error={errors.date} helperText=" " testId="appointment-date" />
        </Box>
        <TextField sx={{ gridArea: 'time' }} size="small" label="Time" placeholder="HH:MM" value={appt.time} onChange={(e) => setAppt({ ...appt, time: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} error={Boolean(errors.time)} helperText={errors.time} />
        <TextField sx={{ gridArea: 'place' }} size="small" label="Place" value={appt.place} onChange={(e) => setAppt({ ...appt, place: e.target.value })} error={Boolean(errors.place)} helperText={errors.place} />
        <TextField sx={{ gridArea: 'kind' }} select size="small" label="Kind" value={appt.kind} onChange={(e) => setAppt({ ...appt, kind: e.target.value as typeof appt.kind })}>
          {APPOINTMENT_KINDS.map((k) => (
            <MenuItem key={k} value={k}>
              {k}
            </MenuItem>
          ))}
        </TextField>
        <Button sx={{ gridArea: 'add' }} variant="outlined" onClick={() => void addAppt()}>
          Add appointment
        </Button>
      </Box>
      <List dense aria-label="Appointments">
        {appts
          .filter((a) => a.id !== removing)
          .map((a) => (
            <ListItem
              key={a.id}
              disableGutters
              secondaryAction={
                <Button size="small" color="error" onClick={() => askRemove(a)} data-testid={`delete-appointment-${a.id}`}>
                  Delete
                </Button>
              }
            >
              <ListItemText primary={`${longDate(a.date)}${a.time ? ` ${a.time}` : ''} · ${a.kind} · ${a.place}`} secondary={a.note} />
            </ListItem>
          ))}
      </List>
      {removal.ui}
    </Paper>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { longDate } from '../../components/format';
import { PassphraseField } from '../../components/PassphraseField';

export type StorageStatus = ChannelOutput<'storage:status'>;
type Backup = ChannelOutput<'backups:list'>[number];
type Preview = ChannelOutput<'backups:preview'>;
type Settings = ChannelOutput<'settings:get'>;

const KIND: Record<Backup['reason'], string> = { daily: 'Daily', 'pre-migration': 'Before an upgrade' };

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function when(b: Backup): string {
  return `${longDate(b.day)}, ${b.time.slice(0, 5)}`;
}

function dailyText(s: StorageStatus): string {
  const d = s.dailyBackup;
  if (!d) return 'No backup has been made since the workstation started.';
  switch (d.status) {
    case 'pending':
      return "Today's backup is made shortly after the caseload opens.";
    case 'written':
      return `Today's backup was made: ${d.name}.`;
    case 'skipped':
      return {
        'done-today': "Today's backup was made earlier today.",
        'new-caseload': 'A new caseload: the first backup is made on the next day it is opened.',
        'read-only': 'The caseload is open read-only, so no backup is made.',
        damaged: 'No backup is made of a damaged caseload.',
      }[d.why];
    case 'failed':
      return `Today's backup could not be made: ${d.message}`;
  }
}

/** The caseload's health and the automatic backups, with a checked restore. */
function BackupsPanel({ storage, onChanged }: { storage: StorageStatus | null; onChanged: () => void }) {
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [confirming, setConfirming] = useState<Preview | null>(null);
  const [restored, setRestored] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await api.backups.list({});
    if (r.ok) setBackups(r.value);
    else setError(r.error);
  }, []);
  useEffect(() => void load(), [load, storage?.dailyBackup?.status]);

  const check = async (name: string) => {
    setBusy(`Checking ${name}…`);
    setError(null);
    setPreview(null);
    setRestored(null);
    const r = await api.backups.preview({ name });
    setBusy(null);
    if (r.ok) setPreview(r.value);
    else setError(r.error);
  };

  const restore = async (p: Preview) => {
    setConfirming(null);
    setBusy(`Restoring ${p.name}…`);
    setError(null);
    const r = await api.backups.restore({ name: p.name });
    setBusy(null);
    setPreview(null);
    if (r.ok) setRestored(`The caseload now holds the backup ${p.name}. The caseload as it was is kept at ${r.value.keptAside ?? '(there was none)'}.`);
    else setError(r.error);
    onChanged();
    void load();
  };

  const damaged = storage?.damaged ?? null;
  return (
    <Paper sx={{ p: 2 }} aria-labelledby="backups-title">
      <Typography variant="h2" component="h2" id="backups-title" gutterBottom>
        Caseload health and backups
      </Typography>
      {storage === null ? (
        <LinearProgress />
      ) : damaged ? (
        <Alert severity="error" data-testid="safety-damaged">
          {damaged.message}
        </Alert>
      ) : storage.readOnly ? (
        <Alert severity="warning">The caseload passed its check but is open read-only: {storage.readOnly}.</Alert>
      ) : storage.checking ? (
        <Alert severity="info">Checking the caseload file. Changes are saved as soon as the check is done.</Alert>
      ) : (
        <Alert severity="success" data-testid="safety-ok">
          The caseload file passed its check when it was opened.
        </Alert>
      )}
      {storage && (
        <Typography variant="body2" sx={{ mt: 1 }} data-testid="daily-backup">
          {dailyText(storage)} Backups are kept in {storage.backupFolder}; the newest 14 are kept.
        </Typography>
      )}
      <Table size="small" aria-label="Automatic backups" sx={{ mt: 2 }} data-testid="backups-table">
        <TableHead>
          <TableRow>
            <TableCell>Made</TableCell>
            <TableCell>Kind</TableCell>
            <TableCell align="right">Size</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {backups?.length === 0 && (
            <TableRow>
              <TableCell colSpan={4}>No automatic backup yet.</TableCell>
            </TableRow>
          )}
          {backups?.map((b) => (
            <TableRow key={b.name} selected={preview?.name === b.name} data-testid={`backup-${b.name}`}>
              <TableCell>
                {when(b)}
                {damaged?.newestGoodBackup === b.name && (
                  <Typography component="span" variant="body2" color="success.main" sx={{ ml: 1, fontWeight: 700 }}>
                    newest good backup
                  </Typography>
                )}
              </TableCell>
              <TableCell>{KIND[b.reason]}</TableCell>
              <TableCell align="right">{size(b.bytes)}</TableCell>
              <TableCell align="right">
                <Button size="small" variant="outlined" disabled={busy !== null} onClick={() => void check(b.name)} aria-label={`Check the backup of ${when(b)}`}>
                  Check
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {busy && (
        <Box sx={{ mt: 2 }} role="status" aria-live="polite">
          <LinearProgress />
          <Typography variant="body2">{busy} This reads the whole file and can take a few seconds.</Typography>
        </Box>
      )}
      <ErrorNotice error={error} />
      {restored && (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="restore-done">
          {restored}
        </Alert>
      )}
      {preview && (
        <Box sx={{ mt: 2 }} data-testid="backup-preview">
          {preview.ok ? (
            <Alert
              severity="success"
              action={
                <Button color="inherit" variant="outlined" onClick={() => setConfirming(preview)} data-testid="restore-open">
                  Restore…
                </Button>
              }
            >
              This backup passes its check: {preview.members.toLocaleString('en-US')} members
              {preview.latestUpdate ? `, the newest change made ${longDate(preview.latestUpdate.slice(0, 10))}` : ''}.
            </Alert>
          ) : (
            <Alert severity="error">
              This backup fails its check and cannot be restored: {preview.integrity.slice(0, 2).join('; ')}
              {preview.schemaVersion !== preview.appSchemaVersion ? ` (it is of schema version ${preview.schemaVersion}; this workstation uses ${preview.appSchemaVersion})` : ''}.
            </Alert>
          )}
        </Box>
      )}
      <Dialog open={confirming !== null} onClose={() => setConfirming(null)} aria-labelledby="restore-title">
        <DialogTitle id="restore-title">Restore this backup?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The caseload is replaced by the backup {confirming?.name}. Changes made after it was taken are not in it. The caseload as it is now is kept as a file beside it, never deleted, so MOSERS IT can recover anything from it.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(null)} autoFocus>
            Cancel
          </Button>
          <Button color="error" variant="contained" onClick={() => confirming && void restore(confirming)} data-testid="restore-confirm">
            Restore the backup
          </Button>
        </DialogActions>
      </Dialog>
    </Paper>
  );
}

/** Change the passphrase: the current one, then the new one twice; errors beside each field. */
function PassphrasePanel() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const mismatch = again !== '' && again !== next ? 'The second new passphrase does not match the first.' : null;
  const sameAsCurrent = next !== '' && next === current ? 'The new passphrase is the same as the current one.' : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || mismatch || sameAsCurrent || !current || !next || !again) return;
    setBusy(true);
    setDone(false);
    const r = await api.session.changePassphrase({ current, next });
    setBusy(false);
    if (r.ok) {
      setCurrent('');
      setNext('');
      setAgain('');
      setError(null);
      setDone(true);
    } else setError(r.error);
  };
  const currentError = error?.code === 'LOCKED' ? 'The current passphrase is not right.' : error?.fields?.current ? `The current passphrase ${error.fields.current}.` : null;
  const nextError = sameAsCurrent ?? (error?.fields?.next ? `The new passphrase ${error.fields.next}.` : null);
  return (
    <Paper sx={{ p: 2 }} component="form" onSubmit={submit} noValidate aria-labelledby="passphrase-title">
      <Typography variant="h2" component="h2" id="passphrase-title" gutterBottom>
        Change the passphrase
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        The caseload stays encrypted with the same key; only the lock on the key changes, so this takes a moment. The recovery key stays as it is.
      </Typography>
      <Stack spacing={2}>
        <PassphraseField label="Current passphrase" value={current} onChange={setCurrent} autoComplete="current-password" error={currentError !== null} helperText={currentError ?? ' '} testid="change-current" />
        <PassphraseField label="New passphrase" value={next} onChange={setNext} autoComplete="new-password" error={nextError !== null} helperText={nextError ?? 'At least 10 characters'} testid="change-next" />
        <PassphraseField label="New passphrase again" value={again} onChange={setAgain} autoComplete="new-password" error={mismatch !== null} helperText={mismatch ?? ' '} testid="change-again" />
        {error && !error.fields && error.code !== 'LOCKED' && <ErrorNotice error={error} />}
        {done && (
          <Alert severity="success" data-testid="change-done">
            The passphrase was changed. Use the new one from the next unlock.
          </Alert>
        )}
        <Button type="submit" variant="contained" disabled={busy || !current || !next || !again || mismatch !== null || sameAsCurrent !== null} data-testid="change-submit" sx={{ alignSelf: 'flex-start' }}>
          {busy ? 'Changing…' : 'Change the passphrase'}
        </Button>
      </Stack>
    </Paper>
  );
}

type SettingsForm = { idleLockMinutes: string; basicLifeDays: string; backdropInstallments: boolean };

function whole(v: string, min: number, max: number): string | null {
  if (!/^\d+$/.test(v.trim())) return 'Enter a whole number.';
  const n = Number(v);
  return n < min || n > max ? `Enter a number from ${min} to ${max}.` : null;
}

/** The workstation's settings: the idle lock, and the plan provisions the forms print. */
function SettingsPanel() {
  const [saved, setSaved] = useState<Settings | null>(null);
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);

  useEffect(() => {
    void api.settings.get({}).then((r) => {
      if (!r.ok) return setError(r.error);
      setSaved(r.value);
      setForm({ idleLockMinutes: String(r.value.idleLockMinutes), basicLifeDays: String(r.value.basicLifeDays), backdropInstallments: r.value.backdropInstallments });
    });
  }, []);
  if (!form || !saved) return <Paper sx={{ p: 2 }}>{error ? <ErrorNotice error={error} /> : <LinearProgress />}</Paper>;

  const idleError = whole(form.idleLockMinutes, 1, 60) ?? (error?.fields?.idleLockMinutes ? `Lock after ${error.fields.idleLockMinutes}.` : null);
  const lifeError = whole(form.basicLifeDays, 0, 365) ?? (error?.fields?.basicLifeDays ? `Days ${error.fields.basicLifeDays}.` : null);
  const dirty = form.idleLockMinutes !== String(saved.idleLockMinutes) || form.basicLifeDays !== String(saved.basicLifeDays) || form.backdropInstallments !== saved.backdropInstallments;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (idleError || lifeError || !dirty) return;
    const r = await api.settings.set({ idleLockMinutes: Number(form.idleLockMinutes), basicLifeDays: Number(form.basicLifeDays), backdropInstallments: form.backdropInstallments });
    if (!r.ok) return setError(r.error);
    setError(null);
    setSaved(r.value);
    setDone(true);
  };
  const set = (patch: Partial<SettingsForm>) => {
    setDone(false);
    setForm({ ...form, ...patch });
  };
  return (
    <Paper sx={{ p: 2 }} component="form" onSubmit={submit} noValidate aria-labelledby="settings-title">
      <Typography variant="h2" component="h2" id="settings-title" gutterBottom>
        Settings
      </Typography>
      <Stack spacing={2}>
        <TextField
          label="Lock after this many minutes without use"
          value={form.idleLockMinutes}
          onChange={(e) => set({ idleLockMinutes: e.target.value })}
          error={idleError !== null}
          helperText={idleError ?? 'From 1 to 60. The screen lock and sleep also lock the caseload.'}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'setting-idle' } }}
        />
        <TextField
          label="Days after leaving within which retiring keeps the free basic life"
          value={form.basicLifeDays}
          onChange={(e) => set({ basicLifeDays: e.target.value })}
          error={lifeError !== null}
          helperText={lifeError ?? 'The $5,000 basic life continues at no cost when the member retires within this many days of leaving (FORM-4; the Guide says 60, the current MOSERS page 65).'}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'setting-life-days' } }}
        />
        <FormControlLabel
          control={<Checkbox checked={form.backdropInstallments} onChange={(e) => set({ backdropInstallments: e.target.checked })} />}
          label="Offer BackDROP cash in three annual installments (BD-5)"
        />
        {error && !error.fields && <ErrorNotice error={error} />}
        {done && (
          <Alert severity="success" data-testid="settings-done">
            Settings saved.
          </Alert>
        )}
        <Button type="submit" variant="contained" disabled={!dirty || idleError !== null || lifeError !== null} data-testid="settings-submit" sx={{ alignSelf: 'flex-start' }}>
          Save settings
        </Button>
      </Stack>
    </Paper>
  );
}

/** Safety and settings: the caseload's health, its backups and restore, the passphrase, the settings. */
export function SafetyScreen({ storage, encrypted, onStorageChanged }: { storage: StorageStatus | null; encrypted: boolean; onStorageChanged: () => void }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '3fr 2fr' }, gap: 2, alignItems: 'start' }}>
      <BackupsPanel storage={storage} onChanged={onStorageChanged} />
      <Stack spacing={2}>
        {encrypted && <PassphrasePanel />}
        <SettingsPanel />
      </Stack>
    </Box>
  );
}

import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState, type FormEvent } from 'react';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { AppError } from '../../../shared/ipc/result';
import { api } from '../api';
import { PassphraseField } from '../components/PassphraseField';

export type SessionStatus = ChannelOutput<'session:status'>;

function why(s: SessionStatus): string {
  switch (s.reason) {
    case 'idle':
      return `Locked after ${s.idleLockMinutes} minutes without activity. Your unsaved work is kept.`;
    case 'screen-lock':
      return 'Locked when the screen locked. Your unsaved work is kept.';
    case 'suspend':
      return 'Locked when the laptop went to sleep. Your unsaved work is kept.';
    case 'manual':
      return 'Locked. Your unsaved work is kept.';
    default:
      return 'Enter your passphrase to open the caseload.';
  }
}

/** The message for one field: the field's own when the error names it, else the whole message. */
function fieldError(e: AppError | null, field: string): string | null {
  if (!e) return null;
  return e.fields?.[field] ? `${field === 'recoveryKey' ? 'The recovery key' : field === 'next' ? 'The new passphrase' : 'The passphrase'} ${e.fields[field]}.` : null;
}

function UnlockForm({ status, onUnlocked }: { status: SessionStatus; onUnlocked: (s: SessionStatus) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [recovering, setRecovering] = useState(false);
  const [recoveryKey, setRecoveryKey] = useState('');
  const [next, setNext] = useState('');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    const r = recovering ? await api.session.recover({ recoveryKey, next }) : await api.session.unlock({ passphrase });
    setBusy(false);
    if (r.ok) {
      setPassphrase('');
      setRecoveryKey('');
      setNext('');
      setError(null);
      return onUnlocked(r.value);
    }
    setError(r.error);
  };

  const passError = fieldError(error, 'passphrase') ?? (error && !recovering && !error.fields ? error.message : null);
  const recoveryKeyError = fieldError(error, 'recoveryKey');
  const nextError = fieldError(error, 'next');
  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Typography variant="h2" component="h2" sx={{ fontSize: '1.4rem', mb: 1 }}>
        The caseload is locked
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }} data-testid="lock-reason">
        {why(status)}
      </Typography>
      {!recovering ? (
        <Stack spacing={2}>
          <PassphraseField
            label="Passphrase"
            value={passphrase}
            onChange={setPassphrase}
            autoComplete="current-password"
            error={passError !== null}
            helperText={passError ?? ' '}
            testid="unlock-passphrase"
            helperTextId="unlock-passphrase-help"
            autoFocus
          />
          <Button type="submit" variant="contained" disabled={busy || passphrase === ''} data-testid="unlock-submit">
            Unlock
          </Button>
          <Link component="button" type="button" onClick={() => (setRecovering(true), setError(null))} sx={{ alignSelf: 'flex-start' }}>
            Forgot the passphrase? Use the recovery key
          </Link>
        </Stack>
      ) : (
        <Stack spacing={2}>
          <TextField
            label="Recovery key"
            value={recoveryKey}
            onChange={(e) => setRecoveryKey(e.target.value)}
            autoFocus
            fullWidth
            autoComplete="off"
            error={recoveryKeyError !== null}
            helperText={recoveryKeyError ?? 'The 32 characters given to the agency at setup'}
            slotProps={{ htmlInput: { 'data-testid': 'recovery-key-input', spellCheck: false } }}
          />
          <PassphraseField
            label="New passphrase"
            value={next}
            onChange={setNext}
            autoComplete="new-password"
            error={nextError !== null}
            helperText={nextError ?? 'At least 10 characters'}
            testid="recovery-next"
          />
          {error && !error.fields && <Alert severity="error">{error.message}</Alert>}
          <Button type="submit" variant="contained" disabled={busy || recoveryKey === '' || next === ''}>
            Unlock and set the new passphrase
          </Button>
          <Link component="button" type="button" onClick={() => (setRecovering(false), setError(null))} sx={{ alignSelf: 'flex-start' }}>
            Back to the passphrase
          </Link>
        </Stack>
      )}
    </Box>
  );
}

function SetupForm({ onUnlocked }: { onUnlocked: (s: SessionStatus) => void }) {
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<{ recoveryKey: string; status: SessionStatus } | null>(null);

  const mismatch = confirm !== '' && confirm !== passphrase ? 'does not match the passphrase' : null;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || mismatch || confirm === '') return;
    setBusy(true);
    const r = await api.session.setup({ passphrase });
    setBusy(false);
    setPassphrase('');
    setConfirm('');
    if (r.ok) return setDone(r.value);
    setError(r.error);
  };

  if (done) {
    return (
      <Stack spacing={2}>
        <Typography variant="h2" component="h2" sx={{ fontSize: '1.4rem' }}>
          Write down the recovery key
        </Typography>
        <Typography>
          If the passphrase is forgotten, this key is the only way back into the caseload. It is shown this once: write it down and give it to your supervisor for the agency to keep. Do not keep it with the laptop.
        </Typography>
        <Paper variant="outlined" sx={{ p: 2, fontFamily: 'monospace', fontSize: '1.3rem', letterSpacing: 1, textAlign: 'center' }} data-testid="recovery-key">
          {/* Two lines of four groups, so it never wraps mid-group. */}
          {done.recoveryKey.slice(0, 20)}
          <br />
          {done.recoveryKey.slice(20)}
        </Paper>
        <Button variant="contained" autoFocus onClick={() => onUnlocked(done.status)} data-testid="recovery-done">
          I have written it down — open the caseload
        </Button>
      </Stack>
    );
  }
  const passError = fieldError(error, 'passphrase');
  return (
    <Box component="form" onSubmit={submit} noValidate>
      <Typography variant="h2" component="h2" sx={{ fontSize: '1.4rem', mb: 1 }}>
        Protect the caseload with a passphrase
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 3 }}>
        The caseload on this laptop is encrypted with it. Choose at least 10 characters; a few unrelated words are easy to type and hard to guess.
      </Typography>
      <Stack spacing={2}>
        <PassphraseField
          label="Passphrase"
          value={passphrase}
          onChange={setPassphrase}
          autoComplete="new-password"
          error={passError !== null}
          helperText={passError ?? 'At least 10 characters'}
          testid="setup-passphrase"
          autoFocus
        />
        <PassphraseField
          label="Passphrase again"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
          error={mismatch !== null}
          helperText={mismatch ? `The second passphrase ${mismatch}.` : ' '}
          testid="setup-confirm"
        />
        {error && !error.fields && <Alert severity="error">{error.message}</Alert>}
        <Button type="submit" variant="contained" disabled={busy || passphrase === '' || confirm === '' || mismatch !== null} data-testid="setup-submit">
          Encrypt the caseload
        </Button>
      </Stack>
    </Box>
  );
}

/**
 * Shown over the app while the caseload is locked (or has no passphrase yet). The screens under
 * it stay mounted, so what was typed before the lock is still there after it.
 */
export function LockScreen({ status, onUnlocked }: { status: SessionStatus; onUnlocked: (s: SessionStatus) => void }) {
  return (
    <Dialog open fullScreen aria-labelledby="lock-title" data-testid="lock-screen" slotProps={{ paper: { sx: { bgcolor: 'background.default' } } }}>
      <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'center', minHeight: '100%', p: 2 }}>
        <Paper sx={{ p: 4, width: '100%', maxWidth: 480 }}>
          <Typography id="lock-title" component="h1" sx={{ fontWeight: 700, mb: 2 }}>
            MOSERS Counselor Workstation
          </Typography>
          {status.state === 'setup' ? <SetupForm onUnlocked={onUnlocked} /> : <UnlockForm status={status} onUnlocked={onUnlocked} />}
        </Paper>
      </Box>
    </Dialog>
  );
}

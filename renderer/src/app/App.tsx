import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useState } from 'react';
import type { MemberSummary } from '../../../shared/domain/member';
import { api, on } from '../api';
import { CaseloadScreen } from '../features/caseload/CaseloadScreen';
import { MemberScreen } from '../features/member/MemberScreen';
import { leaveGuard } from '../features/member/sections';
import { OptionBoard } from '../features/options/OptionBoard';
import { PrintScreen } from '../features/print/PrintScreen';
import { ProcessTracker } from '../features/process/ProcessTracker';
import { SafetyScreen, type StorageStatus } from '../features/safety/SafetyScreen';
import { LockScreen, type SessionStatus } from './LockScreen';

export type View = 'caseload' | 'member' | 'options' | 'process' | 'print' | 'safety';
const VIEWS: { id: View; label: string; needsMember: boolean }[] = [
  { id: 'caseload', label: 'Caseload', needsMember: false },
  { id: 'member', label: 'Member record', needsMember: true },
  { id: 'options', label: 'Option board', needsMember: true },
  { id: 'process', label: 'Process', needsMember: true },
  { id: 'print', label: 'Print', needsMember: true },
  { id: 'safety', label: 'Safety & settings', needsMember: false },
];

export function App() {
  const [view, setView] = useState<View>('caseload');
  const [member, setMember] = useState<MemberSummary | null>(null);
  const [session, setSession] = useState<SessionStatus | null>(null);
  // The screens mount at the first unlock and then stay mounted through every lock, so typed
  // input survives; before it there is nothing to show (and every call would answer LOCKED).
  const [opened, setOpened] = useState(false);

  const [storage, setStorage] = useState<StorageStatus | null>(null);

  // The caseload's storage: damaged and read-only, its open check still running, today's backup.
  // Asked after every unlock and whenever main says it changed.
  const refreshStorage = useCallback(async () => {
    const r = await api.storage.status({});
    if (r.ok) setStorage(r.value);
  }, []);
  useEffect(() => on('storage:changed', () => void refreshStorage()), [refreshStorage]);

  const unlocked = useCallback(
    (s: SessionStatus) => {
      setSession(s);
      if (s.state === 'unlocked') {
        setOpened(true);
        void refreshStorage();
      }
    },
    [refreshStorage],
  );

  useEffect(() => {
    let live = true;
    void api.session.status({}).then((r) => {
      if (live && r.ok) unlocked(r.value);
    });
    const off = on('app:locked', ({ reason }) => setSession((s) => ({ state: 'locked', encrypted: true, reason, idleLockMinutes: s?.idleLockMinutes ?? 10 })));
    return () => {
      live = false;
      off();
    };
  }, [unlocked]);

  const lock = useCallback(async () => {
    const r = await api.session.lock({});
    if (r.ok) setSession(r.value);
  }, []);
  const locked = session !== null && session.state !== 'unlocked';

  // Leaving the member record with unsaved changes asks first: save them, discard them, or stay.
  const [leaving, setLeaving] = useState<{ unsaved: string[]; go: () => void } | null>(null);
  const guarded = useCallback((go: () => void) => {
    const unsaved = leaveGuard()?.unsaved() ?? [];
    if (unsaved.length === 0) go();
    else setLeaving({ unsaved, go });
  }, []);
  const go = useCallback((v: View) => (v === view ? undefined : guarded(() => setView(v))), [guarded, view]);
  const open = useCallback(
    (m: MemberSummary, next: View = 'member') =>
      guarded(() => {
        setMember(m);
        setView(next);
      }),
    [guarded],
  );
  const leave = async (how: 'save' | 'discard') => {
    const g = leaveGuard();
    if (!leaving) return;
    if (g && how === 'save' && !(await g.saveAll())) return setLeaving(null);
    if (g && how === 'discard') await g.discardAll();
    const next = leaving.go;
    setLeaving(null);
    next();
  };

  // Alt+1 … Alt+6 switch screens from anywhere; Alt+L locks.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || locked) return;
      if (e.key.toLowerCase() === 'l' && session?.encrypted) {
        e.preventDefault();
        void lock();
        return;
      }
      const i = Number(e.key) - 1;
      const v = VIEWS[i];
      if (v && (!v.needsMember || member)) {
        e.preventDefault();
        go(v.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [member, locked, session, lock, go]);

  return (
    <>
      {opened && (
        <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }} inert={locked} aria-hidden={locked || undefined}>
          <AppBar position="static" elevation={0}>
            <Toolbar sx={{ gap: 2 }}>
              <Typography variant="h1" component="h1" sx={{ fontSize: '1.15rem', flexGrow: 1 }}>
                MOSERS Counselor Workstation
              </Typography>
              {member && (
                <Chip
                  color="default"
                  sx={{ bgcolor: 'white', fontWeight: 700 }}
                  label={`${member.lastName}, ${member.firstName} · ${member.memberId}`}
                  data-testid="current-member"
                />
              )}
              {session?.encrypted && (
                <Button color="inherit" variant="outlined" onClick={() => void lock()} title="Alt+L" data-testid="lock-button">
                  Lock
                </Button>
              )}
            </Toolbar>
            <Tabs
              value={view}
              onChange={(_, v: View) => go(v)}
              textColor="inherit"
              indicatorColor="secondary"
              aria-label="Screens"
              sx={{ px: 2, '& .MuiTab-root': { color: 'rgba(255,255,255,0.85)' }, '& .Mui-selected': { color: 'white' } }}
            >
              {VIEWS.map((v, i) => (
                <Tab key={v.id} value={v.id} label={`${v.label}`} disabled={v.needsMember && !member} title={`Alt+${i + 1}`} id={`tab-${v.id}`} aria-controls={`panel-${v.id}`} />
              ))}
            </Tabs>
          </AppBar>
          {storage?.damaged && (
            <Alert
              severity="error"
              variant="filled"
              square
              role="alert"
              data-testid="storage-banner"
              action={
                view !== 'safety' && (
                  <Button color="inherit" variant="outlined" onClick={() => go('safety')}>
                    Restore a backup…
                  </Button>
                )
              }
            >
              The caseload file is damaged ({storage.damaged.reason.split('; ')[0]}), so it is open read-only and changes cannot be saved.{' '}
              {storage.damaged.newestGoodBackup
                ? `The newest good backup is ${storage.damaged.newestGoodBackup}: restore it under Safety & settings.`
                : 'No good backup was found: contact MOSERS IT support before making any change.'}
            </Alert>
          )}
          {storage?.readOnly && (
            <Alert severity="warning" square role="alert" data-testid="storage-read-only">
              The caseload is sound but open read-only: {storage.readOnly}. Changes cannot be saved. Make the caseload file and its folder writable (or copy the folder to a writable drive), then start the workstation again.
            </Alert>
          )}
          {storage?.checking && (
            <Alert severity="info" square data-testid="storage-checking">
              Checking the caseload file. You can search and read now; changes are saved as soon as the check is done.
            </Alert>
          )}
          <Box component="main" role="tabpanel" id={`panel-${view}`} aria-labelledby={`tab-${view}`} sx={{ p: 2, flexGrow: 1, maxWidth: 1600, width: '100%', mx: 'auto' }}>
            {view === 'caseload' && <CaseloadScreen onOpen={open} />}
            {view === 'member' && member && <MemberScreen memberId={member.id} onSummary={setMember} />}
            {view === 'options' && member && <OptionBoard memberId={member.id} />}
            {view === 'process' && member && <ProcessTracker memberId={member.id} />}
            {view === 'print' && member && <PrintScreen memberId={member.id} />}
            {view === 'safety' && <SafetyScreen storage={storage} encrypted={session?.encrypted ?? false} onStorageChanged={() => void refreshStorage()} />}
          </Box>
        </Box>
      )}
      <Dialog open={leaving !== null} onClose={() => setLeaving(null)} aria-labelledby="leave-title" data-testid="leave-dialog">
        <DialogTitle id="leave-title">Save your changes before leaving?</DialogTitle>
        <DialogContent>
          <DialogContentText>Not saved yet: {leaving?.unsaved.join(', ')}. Save them now, discard them, or stay on the record.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setLeaving(null)} data-testid="leave-stay">Stay</Button>
          <Button color="error" onClick={() => void leave('discard')} data-testid="leave-discard">Discard changes</Button>
          <Button variant="contained" onClick={() => void leave('save')} data-testid="leave-save" autoFocus>Save and leave</Button>
        </DialogActions>
      </Dialog>
      {locked && <LockScreen status={session} onUnlocked={unlocked} />}
    </>
  );
}

import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Snackbar from '@mui/material/Snackbar';
import { useCallback, useEffect, useRef, useState } from 'react';

/** How long a removal waits for Undo before it is made. */
export const UNDO_MS = 8000;

/**
 * A removal that asks first and can be undone: after the counselor confirms, nothing is removed
 * for UNDO_MS while "Undo" is offered; then `commit` runs (and writes its audit row). Leaving the
 * screen in the meantime commits at once, so a confirmed removal is never lost.
 */
export function useConfirmUndo(commit: () => Promise<void>) {
  const [asking, setAsking] = useState<{ title: string; text: string; done: string } | null>(null);
  const [pending, setPending] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const commitRef = useRef(commit);
  commitRef.current = commit;
  const pendingRef = useRef(false);

  const run = useCallback(() => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    if (!pendingRef.current) return;
    pendingRef.current = false;
    setPending(null);
    void commitRef.current();
  }, []);
  useEffect(() => () => run(), [run]);

  const confirm = () => {
    if (!asking) return;
    setPending(asking.done);
    setAsking(null);
    pendingRef.current = true;
    timer.current = setTimeout(run, UNDO_MS);
  };
  const undo = () => {
    if (timer.current) clearTimeout(timer.current);
    pendingRef.current = false;
    setPending(null);
  };

  const ui = (
    <>
      <Dialog open={asking !== null} onClose={() => setAsking(null)} aria-labelledby="confirm-title" data-testid="confirm-dialog">
        <DialogTitle id="confirm-title">{asking?.title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{asking?.text}</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(null)} data-testid="confirm-cancel" autoFocus>
            Keep
          </Button>
          <Button color="error" variant="contained" onClick={confirm} data-testid="confirm-ok">
            Remove
          </Button>
        </DialogActions>
      </Dialog>
      <Snackbar
        open={pending !== null}
        message={pending}
        data-testid="undo-bar"
        action={
          <Button color="secondary" size="small" onClick={undo} data-testid="undo">
            Undo
          </Button>
        }
      />
    </>
  );
  return { ask: setAsking, pending: pending !== null, ui };
}

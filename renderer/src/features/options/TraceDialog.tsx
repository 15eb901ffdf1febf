import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useId } from 'react';
import type { PlanResult } from '../../../../shared/domain/estimate-schema';
import { longDate, PLAN_NAMES } from '../../components/format';

/** "How was this figured?": the plan's trace (rule id + text, in order) and its notes. Escape closes. */
export function TraceDialog({ result, retirementDate, open, onClose }: { result: PlanResult; retirementDate: string; open: boolean; onClose: () => void }) {
  const id = useId();
  const plan = PLAN_NAMES[result.plan] ?? result.plan;
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth scroll="paper" aria-labelledby={`${id}-title`} data-testid={`trace-dialog-${result.plan}`}>
      <DialogTitle id={`${id}-title`}>
        How was this figured? {plan}, retiring {longDate(retirementDate)}
      </DialogTitle>
      <DialogContent dividers>
        <Typography variant="h3" component="h3" sx={{ mb: 1 }}>
          Steps
        </Typography>
        <Box component="ol" sx={{ m: 0, pl: 3 }} data-testid={`trace-${result.plan}`}>
          {result.trace.map((t, i) => (
            <Box component="li" key={i} sx={{ mb: 0.75 }} data-testid="trace-item" data-rule={t.rule}>
              <Chip size="small" variant="outlined" color="primary" label={t.rule} sx={{ mr: 1, fontWeight: 700, minWidth: 64 }} />
              {t.text}
            </Box>
          ))}
        </Box>
        <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1 }}>
          Notes and assumptions
        </Typography>
        {result.notes.length === 0 ? (
          <Typography>None.</Typography>
        ) : (
          <Box component="ul" sx={{ m: 0, pl: 3 }} data-testid={`notes-${result.plan}`}>
            {result.notes.map((n, i) => (
              <Box component="li" key={i} sx={{ mb: 0.75 }} data-testid="note-item" data-rule={n.rule}>
                <Chip size="small" variant="outlined" color="secondary" label={n.rule} sx={{ mr: 1, fontWeight: 700, minWidth: 64 }} />
                {n.text}
              </Box>
            ))}
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} variant="contained" autoFocus>
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}

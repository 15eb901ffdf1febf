import Alert from '@mui/material/Alert';
import type { AppError } from '../../../shared/ipc/result';

const TITLES: Record<string, string> = {
  INVALID_INPUT: 'Some fields need attention',
  NOT_FOUND: 'Not found',
  CONFLICT: 'Changed elsewhere',
  LOCKED: 'Locked',
  FORBIDDEN: 'Not allowed',
  UNAVAILABLE: 'Unavailable',
  INTERNAL: 'Something went wrong',
};

export function ErrorNotice({ error, action }: { error: AppError | null; action?: React.ReactNode }) {
  if (!error) return null;
  return (
    <Alert severity={error.code === 'INVALID_INPUT' ? 'warning' : 'error'} role="alert" action={action} sx={{ my: 1 }}>
      <strong>{TITLES[error.code] ?? error.code}.</strong> {error.message}
    </Alert>
  );
}

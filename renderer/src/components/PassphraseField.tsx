import TextField from '@mui/material/TextField';

/** A passphrase input: hidden text, the browser's password hints, the error beside it. */
export function PassphraseField(props: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  autoComplete: 'current-password' | 'new-password';
  error: boolean;
  helperText: string;
  testid: string;
  autoFocus?: boolean;
}) {
  return (
    <TextField
      label={props.label}
      type="password"
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      autoFocus={props.autoFocus ?? false}
      fullWidth
      autoComplete={props.autoComplete}
      error={props.error}
      helperText={props.helperText}
      slotProps={{ htmlInput: { 'data-testid': props.testid } }}
    />
  );
}

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
  /** The helper text's id: the input is described by it, and an error in it is announced (role="alert"). */
  helperTextId?: string;
}) {
  const described = props.helperTextId ? { 'aria-describedby': props.helperTextId } : {};
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
      slotProps={{
        htmlInput: { 'data-testid': props.testid, ...described },
        ...(props.helperTextId ? { formHelperText: { id: props.helperTextId, role: props.error ? 'alert' : undefined } } : {}),
      }}
    />
  );
}

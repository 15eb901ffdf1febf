import Button from '@mui/material/Button';
import InputAdornment from '@mui/material/InputAdornment';
import TextField from '@mui/material/TextField';
import type { Ref } from 'react';

/**
 * A calendar date typed as MM/DD/YYYY (DATE-1). A text field, not the browser's date input: the
 * native input reports an empty value for a date that does not exist (02/30/2027), which a form
 * cannot tell from a cleared field. The text is checked by `parseDateText`; clearing a stored date
 * is the explicit Clear date button, never an empty field.
 */
export function DateTextField(props: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  onBlur?: () => void;
  /** Given when there is a date on file to clear. */
  onClear?: () => void;
  cleared?: boolean;
  error?: string | undefined;
  helperText?: string | undefined;
  testId: string;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const { label, value, onChange, onBlur, onClear, cleared, error, helperText, testId, inputRef } = props;
  const help = error ?? (cleared ? 'Cleared: the date on file is removed when you save.' : (helperText ?? 'MM/DD/YYYY'));
  return (
    <TextField
      size="small"
      fullWidth
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={onBlur}
      inputRef={inputRef}
      error={Boolean(error)}
      helperText={help}
      autoComplete="off"
      slotProps={{
        htmlInput: { 'data-testid': testId, placeholder: 'MM/DD/YYYY', inputMode: 'numeric' },
        inputLabel: { shrink: true },
        input: {
          endAdornment:
            onClear && value !== '' ? (
              <InputAdornment position="end">
                <Button size="small" onClick={onClear} aria-label={`Clear ${label}`} data-testid={`${testId}-clear`} sx={{ minWidth: 0, px: 0.5, fontSize: '0.75rem' }}>
                  Clear date
                </Button>
              </InputAdornment>
            ) : undefined,
        },
      }}
    />
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { parseDateText } from '../../../../shared/domain/date-text';
import { memberFactsSchema, type MemberFactsInput, type MemberRecord } from '../../../../shared/domain/member';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { DateTextField } from '../../components/DateTextField';
import { ErrorNotice } from '../../components/ErrorNotice';

type Form = { memberId: string; firstName: string; lastName: string; birthDate: string; ssn: string; firstEmploymentDate: string; retirementDate: string };
const EMPTY: Form = { memberId: '', firstName: '', lastName: '', birthDate: '', ssn: '', firstEmploymentDate: '', retirementDate: '' };

/**
 * A walk-in at a field session: the few facts that make a member record (the rest is completed on
 * the record). The project's member facts schema through react-hook-form's zod resolver, dates as
 * DATE-1 calendar dates.
 */
const addSchema = z
  .custom<Form>()
  .transform((f, ctx) => {
    const date = (k: 'birthDate' | 'firstEmploymentDate' | 'retirementDate', required: boolean): string | null => {
      if (f[k].trim() === '') {
        if (required) ctx.addIssue({ code: 'custom', path: [k], message: 'Type the date as MM/DD/YYYY; it is required.' });
        return null;
      }
      const r = parseDateText(f[k]);
      if (!r.ok) ctx.addIssue({ code: 'custom', path: [k], message: r.message });
      return r.ok ? r.iso : null;
    };
    const facts: MemberFactsInput = {
      memberId: f.memberId.trim().toUpperCase(),
      firstName: f.firstName,
      lastName: f.lastName,
      birthDate: date('birthDate', true) ?? '',
      ssn: f.ssn.trim() === '' ? null : f.ssn.trim(),
      firstEmploymentDate: date('firstEmploymentDate', false),
      retirementDate: date('retirementDate', false),
      leftBeforeVestingAndReturned: false,
      returnedAfterBuyout: false,
    };
    const parsed = memberFactsSchema.safeParse(facts);
    if (!parsed.success) for (const i of parsed.error.issues) if (!['birthDate', 'firstEmploymentDate'].includes(String(i.path[0])) || f[String(i.path[0]) as keyof Form]?.trim()) ctx.addIssue({ code: 'custom', path: [String(i.path[0])], message: i.message });
    return parsed.success ? parsed.data : z.NEVER;
  });

export function AddMemberDialog({ open, onClose, onAdded }: { open: boolean; onClose: () => void; onAdded: (r: MemberRecord) => void }) {
  const { control, handleSubmit, reset, setError: setFieldError, formState } = useForm<Form, unknown, z.output<typeof addSchema>>({ resolver: zodResolver(addSchema), defaultValues: EMPTY, mode: 'onTouched' });
  const [error, setError] = useState<AppError | null>(null);
  const close = () => {
    reset(EMPTY);
    setError(null);
    onClose();
  };
  const submit = handleSubmit(async (member) => {
    const r = await api.members.create({ member });
    if (!r.ok) {
      setError(r.error);
      for (const [k, v] of Object.entries(r.error.fields ?? {})) setFieldError(k.replace(/^member\./, '') as keyof Form, { type: 'server', message: v });
      return;
    }
    reset(EMPTY);
    setError(null);
    onAdded(r.value);
  });
  const text = (k: keyof Form, label: string, helper = ' ') => (
    <Controller
      name={k}
      control={control}
      render={({ field: c }) => (
        <TextField
          size="small"
          fullWidth
          label={label}
          value={c.value}
          onChange={(e) => c.onChange(e.target.value)}
          onBlur={c.onBlur}
          inputRef={c.ref}
          error={Boolean(formState.errors[k])}
          helperText={formState.errors[k]?.message ?? helper}
          autoComplete="off"
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `add-${k}` } }}
        />
      )}
    />
  );
  const date = (k: 'birthDate' | 'firstEmploymentDate' | 'retirementDate', label: string, helper?: string) => (
    <Controller
      name={k}
      control={control}
      render={({ field: c }) => <DateTextField label={label} value={c.value} onChange={c.onChange} onBlur={c.onBlur} inputRef={c.ref} error={formState.errors[k]?.message} helperText={helper} testId={`add-${k}`} />}
    />
  );
  return (
    <Dialog open={open} onClose={close} aria-labelledby="add-title" maxWidth="sm" fullWidth data-testid="add-member-dialog">
      <DialogTitle id="add-title">Add a member</DialogTitle>
      <Box component="form" onSubmit={(e) => void submit(e)} noValidate>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>A walk-in: the facts to start the record. The rest (service, pay, spouse, beneficiaries) is completed on the member record.</DialogContentText>
          <ErrorNotice error={error} />
          <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2, rowGap: 2 }}>
            {text('firstName', 'First name')}
            {text('lastName', 'Last name')}
            {text('memberId', 'Member ID', 'As on the MOSERS statement, e.g. M0123456')}
            {text('ssn', 'SSN', 'Optional now; 123-45-6789')}
            {date('birthDate', 'Birth date')}
            {date('firstEmploymentDate', 'First benefit-eligible employment', 'Optional now')}
            {date('retirementDate', 'Retirement date', 'Optional now; the first of a month')}
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="contained" data-testid="add-member-save" disabled={formState.isSubmitting}>
            Add member
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}

import { zodResolver } from '@hookform/resolvers/zod';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm, type Resolver } from 'react-hook-form';
import { z } from 'zod';
import { dateTextOf, parseDateText } from '../../../../shared/domain/date-text';
import { spouseInputSchema, type MemberRecord, type SpouseInput } from '../../../../shared/domain/member';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { useConfirmUndo } from '../../components/ConfirmUndo';
import { DateTextField } from '../../components/DateTextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSection } from './sections';

type SpouseForm = { name: string; ssn: string; birthDate: string; marriageDate: string; marriageCleared: boolean };
type Spouse = MemberRecord['spouse'];

/** The form for the spouse on file; the SSN field is only for replacing it, so it starts blank. */
function fromRecord(spouse: Spouse): SpouseForm {
  return { name: spouse?.name ?? '', ssn: '', birthDate: dateTextOf(spouse?.birthDate), marriageDate: dateTextOf(spouse?.marriageDate), marriageCleared: false };
}

/**
 * The spouse form's zod schema (react-hook-form's resolver): the dates as DATE-1 calendar dates,
 * the marriage date cleared only by Clear date, then the project's spouse schema; its output is
 * what `spouse:set` takes.
 */
export function spouseFormSchema(stored: Spouse): z.ZodType<SpouseInput, SpouseForm> {
  return z
    .custom<SpouseForm>()
    .transform((form, ctx) => {
      const birth = parseDateText(form.birthDate);
      if (form.birthDate.trim() === '') ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'Type the birth date as MM/DD/YYYY; it is required.' });
      else if (!birth.ok) ctx.addIssue({ code: 'custom', path: ['birthDate'], message: birth.message });
      let marriageDate: string | null = null;
      if (form.marriageDate.trim() === '') {
        if (stored?.marriageDate && !form.marriageCleared) ctx.addIssue({ code: 'custom', path: ['marriageDate'], message: 'Type a date as MM/DD/YYYY, or choose Clear date to remove the date on file.' });
      } else {
        const m = parseDateText(form.marriageDate);
        if (m.ok) marriageDate = m.iso;
        else ctx.addIssue({ code: 'custom', path: ['marriageDate'], message: m.message });
      }
      const input = { name: form.name, birthDate: birth.ok ? birth.iso : form.birthDate, marriageDate, ...(form.ssn.trim() ? { ssn: form.ssn.trim() } : {}) };
      const parsed = spouseInputSchema.safeParse(input);
      if (!parsed.success) for (const i of parsed.error.issues) if (!(i.path[0] === 'birthDate' || i.path[0] === 'marriageDate')) ctx.addIssue({ code: 'custom', path: [String(i.path[0])], message: i.message });
      return parsed.success ? parsed.data : z.NEVER;
    }) as unknown as z.ZodType<SpouseInput, SpouseForm>;
}

export function SpouseSection({ record, onSaved }: { record: MemberRecord; onSaved: (r: MemberRecord) => void }) {
  const stored = useRef(record.spouse);
  stored.current = record.spouse;
  const resolver: Resolver<SpouseForm, unknown, SpouseInput> = (values, ctx, options) => zodResolver(spouseFormSchema(stored.current))(values, ctx, options) as ReturnType<Resolver<SpouseForm, unknown, SpouseInput>>;
  const { control, reset, handleSubmit, setError: setFieldError, clearErrors, setValue, watch, getValues, formState } = useForm<SpouseForm, unknown, SpouseInput>({ mode: 'onTouched', resolver, defaultValues: fromRecord(record.spouse) });
  const [error, setError] = useState<AppError | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // Reset from the record only when the spouse on file changes, not when another section saves.
  const key = JSON.stringify(record.spouse);
  const applied = useRef(key);
  useEffect(() => {
    if (applied.current === key) return;
    applied.current = key;
    reset(fromRecord(record.spouse));
  }, [key, record.spouse, reset]);

  const send = async (spouse: SpouseInput | null, version: number): Promise<boolean> => {
    const r = await api.spouse.set({ memberId: record.id, version, spouse });
    if (r.ok) {
      setError(null);
      setNote(spouse ? 'Spouse saved.' : 'Spouse removed.');
      onSaved(r.value);
      return true;
    }
    setError(r.error);
    for (const [k, v] of Object.entries(r.error.fields ?? {})) setFieldError(k.replace(/^spouse\./, '') as keyof SpouseForm, { type: 'server', message: v });
    return false;
  };

  // Removing the spouse asks first and can be undone for a few seconds (then it is saved, audited).
  const removal = useConfirmUndo(async () => void (await send(null, reg?.version() ?? record.version)));
  const dirty = () => JSON.stringify(getValues()) !== JSON.stringify(fromRecord(stored.current));
  const save = (): Promise<boolean> =>
    new Promise((resolve) => {
      void handleSubmit(
        async (spouse) => resolve(await send(spouse, reg?.version() ?? record.version)),
        () => resolve(false),
      )();
    });
  const reg = useSection({ id: 'spouse', label: 'spouse', order: 1, dirty, save, discard: () => reset(fromRecord(stored.current)) });

  const f = (k: 'name' | 'ssn', label: string, helper = ' ') => (
    <Controller
      name={k}
      control={control}
      render={({ field: c }) => (
        <TextField
          label={label}
          value={c.value}
          onChange={(e) => {
            setNote(null);
            if (formState.errors[k]?.type === 'server') clearErrors(k);
            c.onChange(e.target.value);
          }}
          onBlur={c.onBlur}
          inputRef={c.ref}
          error={Boolean(formState.errors[k])}
          helperText={formState.errors[k]?.message ?? helper}
          size="small"
          fullWidth
          autoComplete="off"
          slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `spouse-${k}` } }}
        />
      )}
    />
  );
  const d = (k: 'birthDate' | 'marriageDate', label: string) => (
    <Controller
      name={k}
      control={control}
      render={({ field: c }) => (
        <DateTextField
          label={label}
          value={c.value}
          onChange={(t) => {
            setNote(null);
            if (k === 'marriageDate') setValue('marriageCleared', false);
            c.onChange(t);
          }}
          onBlur={c.onBlur}
          inputRef={c.ref}
          onClear={k === 'marriageDate' && record.spouse?.marriageDate ? () => (setValue('marriageCleared', true), c.onChange('')) : undefined}
          cleared={k === 'marriageDate' && watch('marriageCleared') && c.value === ''}
          error={formState.errors[k]?.message}
          testId={`spouse-${k}`}
        />
      )}
    />
  );
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="spouse-title">
      <Typography variant="h3" component="h2" id="spouse-title" gutterBottom>
        Spouse {record.spouse?.ssnMasked && <Typography component="span" color="text.secondary">· SSN {record.spouse.ssnMasked}</Typography>}
      </Typography>
      <ErrorNotice error={error} />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2, rowGap: 2 }}>
        {f('name', 'Name')}
        {f('ssn', 'Replace SSN', 'Leave blank to keep the SSN on file')}
        {d('birthDate', 'Birth date')}
        {d('marriageDate', 'Marriage date')}
      </Box>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center' }}>
        <Button variant="outlined" onClick={() => void save()} data-testid="save-spouse">
          Save spouse
        </Button>
        {record.spouse && (
          <Button
            color="error"
            disabled={removal.pending}
            onClick={() =>
              removal.ask({
                title: `Remove ${record.spouse?.name || 'the spouse'} from the record?`,
                text: 'The spouse’s name, birth date, marriage date and SSN on file are removed. Estimates then show no joint and survivor amounts for this spouse.',
                done: 'Spouse will be removed.',
              })
            }
            data-testid="remove-spouse"
          >
            Remove spouse
          </Button>
        )}
        {note && (
          <Typography role="status" color="success.main" data-testid="spouse-status">
            {note}
          </Typography>
        )}
      </Box>
      {removal.ui}
    </Paper>
  );
}

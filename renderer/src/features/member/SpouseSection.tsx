import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { spouseInputSchema, type MemberRecord } from '../../../../shared/domain/member';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSectionForm } from './useSectionForm';

type SpouseForm = { name: string; ssn: string; birthDate: string; marriageDate: string };

/** The form for the spouse on file; the SSN field is only for replacing it, so it starts blank. */
function fromRecord(spouse: MemberRecord['spouse']): SpouseForm {
  return { name: spouse?.name ?? '', ssn: '', birthDate: spouse?.birthDate ?? '', marriageDate: spouse?.marriageDate ?? '' };
}

export function SpouseSection({ record, onSaved }: { record: MemberRecord; onSaved: (r: MemberRecord) => void }) {
  const [form, setForm] = useSectionForm(record.spouse, () => fromRecord(record.spouse));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);

  const save = async (remove: boolean) => {
    let spouse = null;
    if (!remove) {
      const input = { name: form.name, birthDate: form.birthDate, marriageDate: form.marriageDate || null, ...(form.ssn ? { ssn: form.ssn } : {}) };
      const parsed = spouseInputSchema.safeParse(input);
      if (!parsed.success) {
        setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
        return;
      }
      spouse = input;
    }
    const r = await api.spouse.set({ memberId: record.id, version: record.version, spouse });
    if (r.ok) {
      setErrors({});
      setError(null);
      onSaved(r.value);
    } else {
      setError(r.error);
      setErrors(Object.fromEntries(Object.entries(r.error.fields ?? {}).map(([k, v]) => [k.replace(/^spouse\./, ''), v])));
    }
  };

  const f = (k: keyof SpouseForm, label: string, type = 'text', helper = ' ') => (
    <TextField
      label={label}
      type={type}
      value={form[k]}
      onChange={(e) => setForm({ ...form, [k]: e.target.value })}
      error={Boolean(errors[k])}
      helperText={errors[k] ?? helper}
      size="small"
      fullWidth
      slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': `spouse-${k}` } }}
    />
  );
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="spouse-title">
      <Typography variant="h3" component="h2" id="spouse-title" gutterBottom>
        Spouse {record.spouse?.ssnMasked && <Typography component="span" color="text.secondary">· SSN {record.spouse.ssnMasked}</Typography>}
      </Typography>
      <ErrorNotice error={error} />
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
        {f('name', 'Name')}
        {f('ssn', 'Replace SSN', 'text', 'Leave blank to keep the SSN on file')}
        {f('birthDate', 'Birth date', 'date')}
        {f('marriageDate', 'Marriage date', 'date')}
      </Box>
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="outlined" onClick={() => void save(false)} data-testid="save-spouse">
          Save spouse
        </Button>
        {record.spouse && (
          <Button color="error" onClick={() => void save(true)}>
            Remove spouse
          </Button>
        )}
      </Box>
    </Paper>
  );
}

import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { Decimal } from '../../../../shared/calc/decimal';
import { shareValue } from '../../../../shared/domain/validators';
import { beneficiaryListSchema, DESIGNATIONS, type Designation, type MemberRecord } from '../../../../shared/domain/member';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { focusFirstError, useSection } from './sections';
import { useSectionForm } from './useSectionForm';

type Row = { class: 'primary' | 'contingent'; kind: 'person' | 'trust' | 'organization' | 'estate'; name: string; relationship: string; share: string };
const DESIGNATION_LABEL: Record<Designation, string> = {
  'life-insurance': 'Life insurance',
  'final-payment': 'Final payment',
  'guaranteed-payments': 'Guaranteed payments',
  'msep2011-contributions': 'MSEP 2011 contributions',
};

export function BeneficiariesSection({ record, onSaved }: { record: MemberRecord; onSaved: (r: MemberRecord) => void }) {
  const [designation, setDesignation] = useState<Designation>('life-insurance');
  const fromRecord = (d: Designation): Row[] =>
    record.beneficiaries.filter((b) => b.designation === d).map((b) => ({ class: b.class, kind: b.kind, name: b.name, relationship: b.relationship ?? '', share: b.share }));
  // Reset when the designation shown or its beneficiaries on file change, not on other saves.
  const [rows, setRows] = useSectionForm({ designation, rows: fromRecord(designation) }, () => fromRecord(designation));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<AppError | null>(null);

  const update = (i: number, k: keyof Row, v: string) => setRows(rows.map((r, j) => (j === i ? ({ ...r, [k]: v } as Row) : r)));
  const box = useRef<HTMLElement>(null);
  const save = async (): Promise<boolean> => {
    const list = rows.map((r) => ({ class: r.class, kind: r.kind, name: r.name, relationship: r.relationship || null, share: r.share }));
    const parsed = beneficiaryListSchema.safeParse(list);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [`beneficiaries[${String(i.path[0])}].${String(i.path[1] ?? 'name')}`, i.message])));
      focusFirstError(box.current);
      return false;
    }
    const r = await api.beneficiaries.set({ memberId: record.id, version: reg?.version() ?? record.version, designation, beneficiaries: list });
    if (r.ok) {
      setErrors({});
      setError(null);
      onSaved(r.value);
      return true;
    }
    setError(r.error);
    setErrors(r.error.fields ?? {});
    focusFirstError(box.current);
    return false;
  };
  const reg = useSection({ id: 'beneficiaries', label: `beneficiaries (${DESIGNATION_LABEL[designation].toLowerCase()})`, order: 3, dirty: () => JSON.stringify(rows) !== JSON.stringify(fromRecord(designation)), save, discard: () => setRows(fromRecord(designation)) });
  const err = (i: number, k: string) => errors[`beneficiaries[${i}].${k}`];
  // FORM-3: a running total per class, checked as numbers (percentages or fractions), one line each.
  const SUM = /shares must add up/;
  const totals = (['primary', 'contingent'] as const)
    .map((cls) => {
      const shares = rows.filter((r) => r.class === cls).map((r) => shareValue(r.share.trim()));
      if (shares.length === 0) return null;
      const unreadable = shares.some((v) => v === null);
      const total = shares.reduce<Decimal>((t, v) => t.plus(v ?? 0), new Decimal(0));
      const exact = !unreadable && total.minus(100).abs().lessThan('1e-20');
      const shown = total.toDecimalPlaces(2).toString();
      const left = new Decimal(100).minus(total).toDecimalPlaces(2);
      const text = unreadable
        ? `${cls === 'primary' ? 'Primary' : 'Contingent'} shares: a share is not a number. Type a percentage such as 50 or a fraction such as 1/3.`
        : exact
          ? `${cls === 'primary' ? 'Primary' : 'Contingent'} shares: 100%.`
          : `${cls === 'primary' ? 'Primary' : 'Contingent'} shares add up to ${shown}%: ${left.isPositive() ? `${left.toString()}% still to give` : `${left.negated().toString()}% too much`}. They must add up to exactly 100%.`;
      return { cls, exact, text };
    })
    .filter((t): t is { cls: 'primary' | 'contingent'; exact: boolean; text: string } => t !== null);
  /** A row's own message; the class total's is said once, in the totals below. */
  const own = (i: number, k: string) => {
    const m = err(i, k);
    return m && SUM.test(m) ? undefined : m;
  };
  return (
    <Paper sx={{ p: 2 }} component="section" aria-labelledby="ben-title" ref={box}>
      <Typography variant="h3" component="h2" id="ben-title" gutterBottom>
        Beneficiaries (FORM-3)
      </Typography>
      <ErrorNotice error={error} />
      <TextField select size="small" label="Designation" value={designation} onChange={(e) => setDesignation(e.target.value as Designation)} sx={{ mb: 1, minWidth: 260 }}>
        {DESIGNATIONS.map((d) => (
          <MenuItem key={d} value={d}>
            {DESIGNATION_LABEL[d]}
          </MenuItem>
        ))}
      </TextField>
      {rows.map((r, i) => (
        <Box key={i} sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr 1.4fr', gap: 1, mb: 1.5, pb: 1, borderBottom: 1, borderColor: 'divider' }}>
          <TextField select size="small" label="Class" value={r.class} onChange={(e) => update(i, 'class', e.target.value)}>
            <MenuItem value="primary">Primary</MenuItem>
            <MenuItem value="contingent">Contingent</MenuItem>
          </TextField>
          <TextField select size="small" label="Kind" value={r.kind} onChange={(e) => update(i, 'kind', e.target.value)}>
            {['person', 'trust', 'organization', 'estate'].map((k) => (
              <MenuItem key={k} value={k}>
                {k}
              </MenuItem>
            ))}
          </TextField>
          <TextField size="small" label="Name" value={r.name} onChange={(e) => update(i, 'name', e.target.value)} error={Boolean(err(i, 'name'))} helperText={err(i, 'name')} />
          <TextField size="small" label="Relationship" value={r.relationship} onChange={(e) => update(i, 'relationship', e.target.value)} />
          <TextField size="small" label="Share %" value={r.share} onChange={(e) => update(i, 'share', e.target.value)} error={Boolean(err(i, 'share') || err(i, 'class'))} helperText={own(i, 'share') ?? own(i, 'class')} slotProps={{ htmlInput: { 'data-testid': `ben-share-${i}` } }} />
          <IconButton sx={{ justifySelf: 'start' }} aria-label={`Remove ${r.name || 'beneficiary'}`} onClick={() => setRows(rows.filter((_, j) => j !== i))}>
            ×
          </IconButton>
        </Box>
      ))}
      {totals.length > 0 && (
        <Box sx={{ mb: 1 }} data-testid="ben-totals" aria-live="polite">
          {totals.map((t) => (
            <Typography key={t.cls} variant="body2" color={t.exact ? 'success.main' : 'warning.main'} data-testid={`ben-total-${t.cls}`}>
              {t.text}
            </Typography>
          ))}
        </Box>
      )}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button onClick={() => setRows([...rows, { class: rows.length === 0 ? 'primary' : 'contingent', kind: 'person', name: '', relationship: '', share: '100' }])}>Add beneficiary</Button>
        <Button variant="outlined" onClick={() => void save()} data-testid="save-beneficiaries">
          Save beneficiaries
        </Button>
      </Box>
    </Paper>
  );
}

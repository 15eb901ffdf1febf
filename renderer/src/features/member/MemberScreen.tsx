import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MemberRecord, MemberSummary } from '../../../../shared/domain/member';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AuditSection } from './AuditSection';
import { BeneficiariesSection } from './BeneficiariesSection';
import { draftOf, formFieldOf, formFromRecord, patchFromForm, type FieldName, type MemberForm } from './member-form';
import { NotesSection } from './NotesSection';
import { PayHistorySection } from './PayHistorySection';
import { SpouseSection } from './SpouseSection';

type Draft = { form: MemberForm; baseVersion: number };

export function MemberScreen({ memberId, onSummary }: { memberId: number; onSummary: (m: MemberSummary) => void }) {
  const [record, setRecord] = useState<MemberRecord | null>(null);
  const [initial, setInitial] = useState<MemberForm | null>(null);
  const [form, setForm] = useState<MemberForm | null>(null);
  /** Field errors the last save brought back from main; the form's own problems are derived (`check`). */
  const [errors, setErrors] = useState<Partial<Record<string, string>>>({});
  const [error, setError] = useState<AppError | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const draftKey = `member:${memberId}`;
  const loaded = useRef(false);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const savingNow = useRef(false);

  const apply = useCallback(
    (r: MemberRecord) => {
      setRecord(r);
      onSummary({ id: r.id, memberId: r.memberId, firstName: r.firstName, lastName: r.lastName, ssnMasked: r.ssnMasked, birthDate: r.birthDate, retirementDate: r.retirementDate, archived: r.archived });
    },
    [onSummary],
  );

  const load = useCallback(async () => {
    const r = await api.members.get({ id: memberId });
    if (!r.ok) return setError(r.error);
    apply(r.value);
    const base = formFromRecord(r.value);
    setInitial(base);
    // Unsaved edits survive a reload or a failed save: they live in the caseload, not the page.
    const d = await api.drafts.get({ key: draftKey });
    if (d.ok && d.value) {
      const draft = JSON.parse(d.value.json) as Draft;
      setForm({ ...base, ...draft.form });
      setRestored(d.value.updatedAt);
    } else setForm(base);
    loaded.current = true;
  }, [memberId, draftKey, apply]);
  useEffect(() => void load(), [load]);

  const check = useMemo(() => (initial && form && record ? patchFromForm(initial, form, record) : null), [initial, form, record]);

  // Keep the draft in the caseload while there are unsaved edits.
  useEffect(() => {
    if (!loaded.current || !form || !record || !check || savingNow.current) return;
    draftTimer.current = setTimeout(() => {
      if (savingNow.current) return;
      if (check.changed) void api.drafts.set({ key: draftKey, json: JSON.stringify({ form: draftOf(form), baseVersion: record.version } satisfies Draft) });
      else void api.drafts.delete({ key: draftKey });
    }, 300);
    return () => {
      if (draftTimer.current) clearTimeout(draftTimer.current);
    };
  }, [form, record, check, draftKey]);

  const set = (f: FieldName) => (e: { target: { value: string } }) => {
    setSaved(false);
    setForm((cur) => (cur ? { ...cur, [f]: e.target.value } : cur));
    // A message from the last save is about the value that was sent: editing the field ends it.
    setErrors((cur) => {
      if (!(f in cur)) return cur;
      const rest = { ...cur };
      delete rest[f];
      return rest;
    });
  };

  const save = useCallback(async () => {
    if (!record || !check || !form) return;
    // The form's own problems are shown beside their fields already (`live` below).
    if (Object.keys(check.errors).length > 0) return;
    if (!check.changed) return;
    // No draft write may land after the save: a stale one would resurrect the edits.
    if (draftTimer.current) clearTimeout(draftTimer.current);
    savingNow.current = true;
    setSaving(true);
    const r = await api.members.update({ id: record.id, version: record.version, patch: check.patch });
    if (r.ok) await api.drafts.delete({ key: draftKey });
    else await api.drafts.set({ key: draftKey, json: JSON.stringify({ form: draftOf(form), baseVersion: record.version } satisfies Draft) });
    savingNow.current = false;
    setSaving(false);
    if (r.ok) {
      apply(r.value);
      const base = formFromRecord(r.value);
      setInitial(base);
      setForm(base);
      setErrors({});
      setError(null);
      setRestored(null);
      setSaved(true);
    } else {
      setError(r.error);
      const fields: Record<string, string> = {};
      for (const [k, v] of Object.entries(r.error.fields ?? {})) fields[formFieldOf(k)] = v;
      setErrors(fields);
    }
  }, [record, check, form, apply, draftKey]);

  // Ctrl+S saves the member record.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [save]);

  const discard = async () => {
    await api.drafts.delete({ key: draftKey });
    setForm(initial);
    setRestored(null);
    setErrors({});
  };

  if (!record || !form) return <ErrorNotice error={error} />;
  const live = { ...check?.errors, ...errors };
  const field = (f: FieldName, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <TextField
      size="small"
      fullWidth
      {...extra}
      label={label}
      value={form[f]}
      onChange={set(f)}
      error={Boolean(live[f])}
      helperText={live[f] ?? extra.helperText ?? ' '}
      slotProps={{ htmlInput: { 'data-testid': `field-${f}` }, inputLabel: { shrink: true }, select: { displayEmpty: true } }}
    />
  );
  const dateField = (f: FieldName, label: string, helperText?: string) => field(f, label, { type: 'date', helperText });
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 2 };

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {restored && (
        <Alert severity="info" action={<Button onClick={() => void discard()}>Discard edits</Button>}>
          Unsaved edits from {new Date(restored).toLocaleString()} were restored. Save them or discard them.
        </Alert>
      )}
      <ErrorNotice error={error} action={error?.code === 'CONFLICT' ? <Button onClick={() => void load()}>Reload (your edits are kept)</Button> : undefined} />
      <Paper sx={{ p: 2 }} component="section" aria-labelledby="facts-title">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
          <Typography variant="h2" component="h2" id="facts-title" sx={{ flexGrow: 1 }}>
            {record.firstName} {record.lastName} <Typography component="span" color="text.secondary">· {record.memberId} · SSN {record.ssnMasked ?? 'not on file'}</Typography>
          </Typography>
          {saved && <Typography color="success.main" role="status">Saved.</Typography>}
          <Button variant="contained" onClick={() => void save()} disabled={saving || !check?.changed} data-testid="save-member" title="Ctrl+S">
            {saving ? 'Saving…' : 'Save member'}
          </Button>
        </Box>
        <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1.5 }}>Person</Typography>
        <Box sx={grid}>
          {field('firstName', 'First name')}
          {field('middleName', 'Middle name')}
          {field('lastName', 'Last name')}
          {field('memberId', 'Member ID')}
          {dateField('birthDate', 'Birth date')}
          {field('ssn', 'Replace SSN', { helperText: 'Leave blank to keep the SSN on file', autoComplete: 'off' })}
          {field('email', 'Email')}
          {field('phone', 'Phone')}
          {field('street', 'Street')}
          {field('city', 'City')}
          {field('state', 'State', { helperText: 'Two letters, e.g. MO' })}
          {field('zip', 'ZIP')}
        </Box>
        <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1.5 }}>Plan and employment</Typography>
        <Box sx={grid}>
          {dateField('firstEmploymentDate', 'First benefit-eligible employment')}
          {field('planOverride', 'Plan', { select: true, helperText: 'Blank: derived from employment (PLAN-1..3)', children: [<MenuItem key="" value="">Derived</MenuItem>, ...['MSEP', 'MSEP2000', 'MSEP2011'].map((p) => <MenuItem key={p} value={p}>{p}</MenuItem>)] })}
          {field('employmentStatus', 'Employment status', { select: true, children: [<MenuItem key="a" value="active">Active</MenuItem>, <MenuItem key="t" value="terminated">Left state employment</MenuItem>] })}
          {dateField('lastDayWorked', 'Last day worked', 'Blank: works until the day before retirement (DATE-5)')}
          {dateField('retirementDate', 'Retirement date', 'The first of a month (DATE-2)')}
          {field('backdropMonths', 'BackDROP months', { helperText: 'Blank for none; 12–60 (BD-2)', inputMode: 'numeric' } as object)}
        </Box>
        <Box sx={{ display: 'flex', gap: 2 }}>
          <FormControlLabel
            control={<Checkbox checked={form.leftBeforeVestingAndReturned === 'true'} onChange={(e) => set('leftBeforeVestingAndReturned')({ target: { value: String(e.target.checked) } })} />}
            label="Left before vesting and returned after June 30, 2000 (PLAN-2)"
          />
          <FormControlLabel
            control={<Checkbox checked={form.returnedAfterBuyout === 'true'} onChange={(e) => set('returnedAfterBuyout')({ target: { value: String(e.target.checked) } })} />}
            label="Returned after the 2017 buyout (PLAN-3)"
          />
        </Box>
        <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1.5 }}>Service (SVC)</Typography>
        <Box sx={grid}>
          {dateField('service.asOf', 'Service as of')}
          {field('service.earnedMonths', 'Earned months')}
          {field('service.purchasedMonths', 'Purchased months')}
          {field('service.transferredMonths', 'Transferred months')}
          {field('service.sickLeaveHours', 'Unused sick leave (hours)', { helperText: '168 hours = 1 month (SVC-4)' })}
        </Box>
        <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1.5 }}>Pay and coverage</Typography>
        <Box sx={grid}>
          {field('finalAveragePay', 'Final average pay (entered)', { helperText: 'Only when there is no pay history (FAP-3)' })}
          {field('projection.fromMonth', 'Projected pay from (YYYY-MM)')}
          {field('projection.monthlyRate', 'Projected monthly pay')}
          {field('optionalLifeCoverage', 'Optional life coverage')}
        </Box>
        <Typography variant="h3" component="h3" sx={{ mt: 2, mb: 1.5 }}>Direct deposit (FORM-2)</Typography>
        <Box sx={grid}>
          {field('directDeposit.routingNumber', 'ABA routing number', { helperText: '9 digits with a valid checksum' })}
          {field('directDeposit.accountNumber', record.directDeposit ? `Account number (now ${record.directDeposit.accountMasked})` : 'Account number', { autoComplete: 'off' })}
          {field('directDeposit.accountType', 'Account type', { select: true, children: [<MenuItem key="" value="">—</MenuItem>, <MenuItem key="c" value="checking">Checking</MenuItem>, <MenuItem key="s" value="savings">Savings</MenuItem>] })}
        </Box>
      </Paper>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '1fr 1fr' }, gap: 2 }}>
        <SpouseSection record={record} onSaved={apply} />
        <PayHistorySection record={record} onSaved={apply} />
        <BeneficiariesSection record={record} onSaved={apply} />
        <NotesSection memberId={record.id} />
      </Box>
      <AuditSection memberId={record.id} version={record.version} />
    </Box>
  );
}

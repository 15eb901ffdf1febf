import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { zodResolver } from '@hookform/resolvers/zod';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Controller, useForm, useWatch, type Resolver } from 'react-hook-form';
import type { MemberRecord, MemberSummary } from '../../../../shared/domain/member';
import type { AppError } from '../../../../shared/ipc/result';
import { api } from '../../api';
import { useConfirmUndo } from '../../components/ConfirmUndo';
import { DateTextField } from '../../components/DateTextField';
import { ErrorNotice } from '../../components/ErrorNotice';
import { AuditSection } from './AuditSection';
import { BeneficiariesSection } from './BeneficiariesSection';
import { draftOf, FIELDS, flattenForm, isDateField, formFieldOf, formFromRecord, memberFormSchema, nestForm, patchFromForm, type FieldName, type MemberForm } from './member-form';
import { NotesSection } from './NotesSection';
import { PayHistorySection } from './PayHistorySection';
import { SectionsContext, setLeaveGuard, type Section, type SectionRegistry } from './sections';
import { SpouseSection } from './SpouseSection';

type Draft = { form: MemberForm; baseVersion: number };
/** How long a revealed SSN stays on screen. */
const REVEAL_MS = 30_000;

export function MemberScreen({ memberId, onSummary }: { memberId: number; onSummary: (m: MemberSummary) => void }) {
  const [record, setRecord] = useState<MemberRecord | null>(null);
  const [initial, setInitial] = useState<MemberForm | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  /** What the last save said: the sections it saved, or that nothing needed saving. */
  const [saved, setSaved] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const draftKey = `member:${memberId}`;
  const loaded = useRef(false);
  const draftTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const savingNow = useRef(false);
  const latest = useRef<{ initial: MemberForm | null; record: MemberRecord | null }>({ initial: null, record: null });

  // react-hook-form holds the inputs; its zod resolver runs the project's member patch schema and
  // the date rules (memberFormSchema), so each problem shows beside its field and a failed save
  // moves focus to the first field in error.
  const resolver = useCallback<Resolver<Record<string, unknown>>>((values, ctx, options) => {
    const { initial: i, record: r } = latest.current;
    if (!i || !r) return { values, errors: {} };
    return zodResolver(memberFormSchema(i, r))(values, ctx, options) as ReturnType<Resolver<Record<string, unknown>>>;
  }, []);
  const { control, reset, getValues, setValue, trigger, setFocus, formState } = useForm<Record<string, unknown>>({ mode: 'all', resolver, shouldFocusError: true });
  const values = useWatch({ control });
  const form = useMemo(() => (initial ? flattenForm(values) : null), [values, initial]);
  // Every field's problem shows as soon as it is typed (the whole form is validated on each
  // change); a date's only once the field is left or a save was tried, not while it is typed.
  useEffect(() => {
    if (initial) void trigger();
  }, [values, initial, trigger]);
  const [attempted, setAttempted] = useState(false);
  /** Messages the last save brought back from main, by form field; editing a field ends its own. */
  const [serverErrors, setServerErrors] = useState<Partial<Record<string, string>>>({});

  const apply = useCallback(
    (r: MemberRecord) => {
      latest.current.record = r;
      setRecord(r);
      onSummary({ id: r.id, memberId: r.memberId, firstName: r.firstName, lastName: r.lastName, ssnMasked: r.ssnMasked, birthDate: r.birthDate, retirementDate: r.retirementDate, archived: r.archived });
    },
    [onSummary],
  );
  const setBase = useCallback(
    (base: MemberForm, shown: MemberForm) => {
      latest.current.initial = base;
      setInitial(base);
      reset(nestForm(shown), { keepDefaultValues: false });
    },
    [reset],
  );

  const load = useCallback(async () => {
    const r = await api.members.get({ id: memberId });
    if (!r.ok) return setError(r.error);
    apply(r.value);
    const base = formFromRecord(r.value);
    // Unsaved edits survive a reload or a failed save: they live in the caseload, not the page.
    const d = await api.drafts.get({ key: draftKey });
    if (d.ok && d.value) {
      const draft = JSON.parse(d.value.json) as Draft;
      setBase(base, { ...base, ...draft.form, cleared: draft.form.cleared ?? [] });
      setRestored(d.value.updatedAt);
    } else setBase(base, base);
    loaded.current = true;
  }, [memberId, draftKey, apply, setBase]);
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

  const edited = () => setSaved(null);

  /** Saves the member's facts; false when something is in the way (focus is then on it). */
  const saveFacts = useCallback(async (): Promise<boolean> => {
    const r0 = latest.current.record;
    const i0 = latest.current.initial;
    if (!r0 || !i0) return false;
    const now = flattenForm(getValues());
    const c = patchFromForm(i0, now, r0);
    if (!c.changed) return true;
    if (Object.keys(c.errors).length > 0) {
      setAttempted(true);
      await trigger();
      const first = FIELDS.find((f) => c.errors[f]);
      if (first) setFocus(first);
      return false;
    }
    // No draft write may land after the save: a stale one would resurrect the edits.
    if (draftTimer.current) clearTimeout(draftTimer.current);
    savingNow.current = true;
    setSaving(true);
    const r = await api.members.update({ id: r0.id, version: r0.version, patch: c.patch });
    if (r.ok) await api.drafts.delete({ key: draftKey });
    else await api.drafts.set({ key: draftKey, json: JSON.stringify({ form: draftOf(now), baseVersion: r0.version } satisfies Draft) });
    savingNow.current = false;
    setSaving(false);
    if (r.ok) {
      apply(r.value);
      const base = formFromRecord(r.value);
      setBase(base, base);
      setError(null);
      setRestored(null);
      setServerErrors({});
      setAttempted(false);
      return true;
    }
    setError(r.error);
    const fields = Object.entries(r.error.fields ?? {}).map(([k, v]) => [formFieldOf(k), v] as const);
    setServerErrors(Object.fromEntries(fields));
    if (fields[0]) setFocus(fields[0][0]);
    return false;
  }, [getValues, trigger, draftKey, apply, setBase, setFocus]);

  // The sections of the record register here, so one Ctrl+S saves every one that changed.
  const sections = useRef(new Map<string, Section>());
  const registry = useMemo<SectionRegistry>(
    () => ({
      register: (s) => {
        sections.current.set(s.id, s);
        return () => void sections.current.delete(s.id);
      },
      version: () => latest.current.record?.version ?? 0,
    }),
    [],
  );
  const factsDirty = useCallback(() => {
    const { initial: i, record: r } = latest.current;
    return Boolean(i && r && patchFromForm(i, flattenForm(getValues()), r).changed);
  }, [getValues]);
  const all = useCallback((): Section[] => {
    const facts: Section = { id: 'facts', label: 'member details', order: 0, dirty: factsDirty, save: saveFacts, discard: () => discardFacts() };
    return [facts, ...[...sections.current.values()].sort((a, b) => a.order - b.order)];
    // discardFacts (below) reads only refs and stable functions.
  }, [factsDirty, saveFacts]);

  /** Ctrl+S: every section with changes, in order; says what was saved and what still needs attention. */
  const saveAll = useCallback(async (): Promise<boolean> => {
    const dirty = all().filter((s) => s.dirty());
    if (dirty.length === 0) {
      setSaved('Nothing to save: no changes.');
      return true;
    }
    const done: string[] = [];
    const failed: string[] = [];
    for (const s of dirty) {
      // After the first failure the focus stays on its field: later sections are not tried.
      if (failed.length > 0) break;
      if (await s.save()) done.push(s.label);
      else failed.push(s.label);
    }
    const list = (xs: string[]) => xs.join(', ');
    setSaved(failed.length === 0 ? `Saved ${list(done)}.` : `${done.length > 0 ? `Saved ${list(done)}. ` : ''}Not saved: ${list(failed)} needs attention (see the highlighted field).`);
    return failed.length === 0;
  }, [all]);

  // Ctrl+S saves every changed section of the record, wherever the focus is.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void saveAll();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [saveAll]);

  // Archiving asks first and can be undone for a few seconds; restoring is one click. Both audited.
  const archiving = useConfirmUndo(async () => void (await setArchivedRef.current(true)));
  const setArchivedRef = useRef<(archived: boolean) => Promise<void>>(async () => undefined);
  // Revealing the SSN asks why (audited in main) and masks it again after REVEAL_MS.
  const [revealAsk, setRevealAsk] = useState(false);
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<string | null>(null);
  useEffect(() => {
    if (!revealed) return;
    const t = setTimeout(() => setRevealed(null), REVEAL_MS);
    return () => clearTimeout(t);
  }, [revealed]);
  const reveal = async () => {
    const r = await api.members.revealSsn({ id: memberId, reason: reason.trim() });
    setRevealAsk(false);
    setReason('');
    if (r.ok) setRevealed(r.value.ssn);
    else setError(r.error);
  };

  const discardFacts = async () => {
    await api.drafts.delete({ key: draftKey });
    const base = latest.current.initial;
    if (base) reset(nestForm(base));
    setRestored(null);
    setServerErrors({});
    setAttempted(false);
  };

  // Leaving the record (another screen, another member) asks first when something is unsaved.
  useEffect(() => {
    setLeaveGuard({
      unsaved: () => all().filter((s) => s.dirty()).map((s) => s.label),
      saveAll,
      discardAll: async () => {
        for (const s of all()) if (s.dirty()) await s.discard();
      },
    });
    return () => setLeaveGuard(null);
  }, [all, saveAll]);

  if (!record || !form || !initial) return <ErrorNotice error={error} />;
  setArchivedRef.current = async (archived: boolean) => {
    const r0 = latest.current.record;
    if (!r0) return;
    const r = await api.members.archive({ id: r0.id, version: r0.version, archived });
    if (r.ok) apply(r.value);
    else setError(r.error);
  };
  const errorOf = (f: FieldName): string | undefined => {
    if (serverErrors[f]) return serverErrors[f];
    const [a, b] = f.split('.') as [string, string | undefined];
    const e = formState.errors[a] as unknown as { message?: string; [k: string]: unknown } | undefined;
    const message = (b === undefined ? e?.message : (e?.[b] as { message?: string } | undefined)?.message) ?? undefined;
    if (isDateField(f) && !attempted && !(b === undefined ? formState.touchedFields[a] : (formState.touchedFields[a] as Record<string, boolean> | undefined)?.[b])) return undefined;
    return message;
  };
  const endServerError = (f: FieldName) =>
    setServerErrors((cur) => {
      if (!(f in cur)) return cur;
      const rest = { ...cur };
      delete rest[f];
      return rest;
    });
  const field = (f: FieldName, label: string, extra: Partial<React.ComponentProps<typeof TextField>> = {}) => (
    <Controller
      name={f}
      control={control}
      render={({ field: c }) => (
        <TextField
          size="small"
          fullWidth
          {...extra}
          label={label}
          value={(c.value as string | undefined) ?? ''}
          onChange={(e) => {
            edited();
            // A message from the last save is about the value that was sent: editing the field ends it.
            endServerError(f);
            c.onChange(e.target.value);
          }}
          onBlur={c.onBlur}
          inputRef={c.ref}
          error={Boolean(errorOf(f))}
          helperText={errorOf(f) ?? extra.helperText ?? ' '}
          slotProps={{ htmlInput: { 'data-testid': `field-${f}` }, inputLabel: { shrink: true }, select: { displayEmpty: true } }}
        />
      )}
    />
  );
  const dateField = (f: FieldName, label: string, helperText?: string) => (
    <Controller
      name={f}
      control={control}
      render={({ field: c }) => {
        const cleared = form.cleared.includes(f);
        return (
          <DateTextField
            label={label}
            value={(c.value as string | undefined) ?? ''}
            onChange={(text) => {
              edited();
              if (cleared) setValue('cleared', form.cleared.filter((x) => x !== f));
              endServerError(f);
              c.onChange(text);
            }}
            onBlur={c.onBlur}
            inputRef={c.ref}
            onClear={f !== 'birthDate' && initial[f] !== '' ? () => {
              edited();
              setValue('cleared', [...form.cleared.filter((x) => x !== f), f]);
              c.onChange('');
            } : undefined}
            cleared={cleared && c.value === ''}
            error={errorOf(f)}
            helperText={helperText}
            testId={`field-${f}`}
          />
        );
      }}
    />
  );
  const grid = { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', columnGap: 2, rowGap: 2 };

  return (
    <SectionsContext.Provider value={registry}>
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {restored && (
        <Alert severity="info" action={<Button onClick={() => void discardFacts()}>Discard edits</Button>}>
          Unsaved edits from {new Date(restored).toLocaleString()} were restored. Save them or discard them.
        </Alert>
      )}
      {record.archived && (
        <Alert severity="warning" data-testid="archived-banner" action={<Button onClick={() => void setArchivedRef.current(false)}>Restore</Button>}>
          This member is archived: the record is kept but left out of searches.
        </Alert>
      )}
      {archiving.ui}
      <Dialog open={revealAsk} onClose={() => setRevealAsk(false)} aria-labelledby="reveal-title">
        <DialogTitle id="reveal-title">Show the full SSN</DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 1 }}>Say why it is needed; the reason and your name go into the audit trail. It is hidden again after {REVEAL_MS / 1000} seconds.</DialogContentText>
          <TextField autoFocus fullWidth size="small" label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} slotProps={{ htmlInput: { maxLength: 200, 'data-testid': 'reveal-reason' } }} />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setRevealAsk(false)}>Cancel</Button>
          <Button variant="contained" disabled={reason.trim().length < 3} onClick={() => void reveal()} data-testid="reveal-confirm">
            Show SSN
          </Button>
        </DialogActions>
      </Dialog>
      <ErrorNotice error={error} action={error?.code === 'CONFLICT' ? <Button onClick={() => void load()}>Reload (your edits are kept)</Button> : undefined} />
      <Paper sx={{ p: 2 }} component="section" aria-labelledby="facts-title">
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
          <Typography variant="h2" component="h2" id="facts-title" sx={{ flexGrow: 1 }}>
            {record.firstName} {record.lastName}{' '}
            <Typography component="span" color="text.secondary">
              · {record.memberId} · SSN <span data-testid="member-ssn">{revealed ?? record.ssnMasked ?? 'not on file'}</span>
            </Typography>
          </Typography>
          {record.ssnMasked &&
            (revealed ? (
              <Button size="small" onClick={() => setRevealed(null)} data-testid="hide-ssn">
                Hide SSN
              </Button>
            ) : (
              <Button size="small" onClick={() => setRevealAsk(true)} data-testid="reveal-ssn">
                Show SSN
              </Button>
            ))}
          {record.archived ? (
            <Button size="small" onClick={() => void setArchivedRef.current(false)} data-testid="restore-member">
              Restore member
            </Button>
          ) : (
            <Button size="small" color="error" disabled={archiving.pending} onClick={() => archiving.ask({ title: `Archive ${record.firstName} ${record.lastName}?`, text: 'An archived member leaves the caseload searches (Show archived finds them) and can be restored at any time. Nothing on the record is deleted.', done: 'Member archived.' })} data-testid="archive-member">
              Archive
            </Button>
          )}
          <Typography color={saved?.startsWith('Saved') || saved?.startsWith('Nothing') ? (saved.includes('Not saved') ? 'warning.main' : 'success.main') : 'warning.main'} role="status" data-testid="save-status">
            {saved}
          </Typography>
          <Button variant="contained" onClick={() => void saveAll()} disabled={saving} data-testid="save-member" title="Saves every section with changes (Ctrl+S)">
            {saving ? 'Saving…' : 'Save all changes'}
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
            control={<Checkbox checked={form.leftBeforeVestingAndReturned === 'true'} onChange={(e) => (edited(), setValue('leftBeforeVestingAndReturned', String(e.target.checked), { shouldDirty: true }))} />}
            label="Left before vesting and returned after June 30, 2000 (PLAN-2)"
          />
          <FormControlLabel
            control={<Checkbox checked={form.returnedAfterBuyout === 'true'} onChange={(e) => (edited(), setValue('returnedAfterBuyout', String(e.target.checked), { shouldDirty: true }))} />}
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
    </SectionsContext.Provider>
  );
}

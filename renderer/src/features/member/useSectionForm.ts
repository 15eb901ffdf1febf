import { useState, type Dispatch, type SetStateAction } from 'react';

/**
 * A section's form state, reset from the record only when the section's own data changes.
 * Every save anywhere brings back a whole new record, so comparing by identity would wipe what
 * was typed, not yet saved, in the other sections; `data` is compared by its serialization.
 */
export function useSectionForm<T>(data: unknown, fromData: () => T): [T, Dispatch<SetStateAction<T>>] {
  const key = JSON.stringify(data);
  const [form, setForm] = useState<T>(fromData);
  const [applied, setApplied] = useState(key);
  if (key !== applied) {
    // Adjusting state while rendering: React re-renders at once, before anything is painted.
    setApplied(key);
    setForm(fromData());
  }
  return [form, setForm];
}

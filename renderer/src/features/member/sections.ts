import { createContext, useContext, useEffect, useRef } from 'react';

/**
 * The member record's sections, each saved on its own, gathered so that Ctrl+S saves every
 * section with changes and leaving the record can ask first. `save` answers whether it saved;
 * on a failure the section has shown its messages and moved focus to its first field in error.
 */
export type Section = { id: string; label: string; order: number; dirty: () => boolean; save: () => Promise<boolean>; discard: () => void | Promise<void> };

export type SectionRegistry = {
  register: (s: Section) => () => void;
  /** The record's version now: a save made a moment before (in the same Ctrl+S) moved it on. */
  version: () => number;
};

export const SectionsContext = createContext<SectionRegistry | null>(null);

/** Registers a section; its functions are read at call time, so they always see the latest state. */
export function useSection(s: Section): SectionRegistry | null {
  const reg = useContext(SectionsContext);
  const ref = useRef(s);
  ref.current = s;
  useEffect(() => {
    if (!reg) return;
    return reg.register({
      id: s.id,
      get label() {
        return ref.current.label;
      },
      order: s.order,
      dirty: () => ref.current.dirty(),
      save: () => ref.current.save(),
      discard: () => ref.current.discard(),
    });
  }, [reg, s.id, s.order]);
  return reg;
}

/** The record being left: what is unsaved, and the ways out (set by the member screen). */
export type LeaveGuard = { unsaved: () => string[]; saveAll: () => Promise<boolean>; discardAll: () => Promise<void> };
let guard: LeaveGuard | null = null;
export const setLeaveGuard = (g: LeaveGuard | null): void => {
  guard = g;
};
export const leaveGuard = (): LeaveGuard | null => guard;

/** After the messages render, the first field marked invalid in the section takes the focus. */
export function focusFirstError(box: HTMLElement | null): void {
  requestAnimationFrame(() => {
    const el = box?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (el) {
      el.scrollIntoView({ block: 'center' });
      el.focus();
    }
  });
}

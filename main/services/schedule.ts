import { AppFailure } from '../../shared/ipc/result';
import type { z } from 'zod';
import type { appointmentInputSchema } from '../../shared/domain/member';
import type { ServiceContext } from './context';
import type { MembersService } from './members';

type AppointmentInput = z.output<typeof appointmentInputSchema>;

/** Appointments, field sessions and counselor notes. */
export function scheduleService(ctx: ServiceContext, members: MembersService) {
  const { repos, clock, db } = ctx;
  const toAppointment = (r: NonNullable<ReturnType<typeof repos.appointments.get>>) => ({
    id: r.id,
    memberId: r.member_id,
    date: r.date,
    time: r.time,
    place: r.place,
    kind: r.kind as AppointmentInput['kind'],
    note: r.note,
  });
  return {
    appointments(q: { from?: string | undefined; to?: string | undefined; memberId?: number | undefined }) {
      const from = q.from ?? '0000-01-01';
      const to = q.to ?? '9999-12-31';
      if (q.memberId !== undefined) {
        members.requireRow(q.memberId);
        return repos.appointments.forMember(q.memberId, from, to).map(toAppointment);
      }
      return repos.appointments.between(from, to, 500).map(toAppointment);
    },
    addAppointment(a: AppointmentInput) {
      // The row and its audit entry go in together or not at all.
      const id = db.transaction(() => {
        if (a.memberId !== null) members.requireRow(a.memberId);
        const newId = repos.appointments.add({ member_id: a.memberId, date: a.date, time: a.time ?? null, place: a.place, kind: a.kind, note: a.note ?? null, created_at: clock.now() });
        if (a.memberId !== null) members.audit(a.memberId, 'appointment', 'added', null, `${a.kind} ${a.date} ${a.place}`);
        return newId;
      })();
      return toAppointment(repos.appointments.get(id)!);
    },
    removeAppointment(id: number) {
      db.transaction(() => {
        const a = repos.appointments.get(id);
        if (!a) throw new AppFailure('NOT_FOUND', `No appointment with id ${id}.`);
        repos.appointments.remove(id);
        if (a.member_id !== null) members.audit(a.member_id, 'appointment', 'removed', `${a.kind} ${a.date} ${a.place}`, null);
      })();
      return { removed: true };
    },
    notes(memberId: number) {
      members.requireRow(memberId);
      return repos.notes.forMember(memberId).map((n) => ({ id: n.id, createdAt: n.created_at, author: n.author, text: n.text }));
    },
    addNote(memberId: number, text: string) {
      // Audited like every other change to a member's file; the text itself stays in the note.
      const id = db.transaction(() => {
        members.requireRow(memberId);
        const newId = repos.notes.add(memberId, clock.now(), ctx.who, text);
        members.audit(memberId, 'note', 'added', null, `note ${newId}`);
        return newId;
      })();
      const n = repos.notes.get(id)!;
      return { id: n.id, createdAt: n.created_at, author: n.author, text: n.text };
    },
  };
}

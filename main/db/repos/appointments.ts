import type { Db } from '../connection';

export type AppointmentRow = { id: number; member_id: number | null; date: string; time: string | null; place: string; kind: string; note: string | null; created_at: string };

export function appointmentsRepo(db: Db) {
  const insert = db.prepare('INSERT INTO appointments (member_id, date, time, place, kind, note, created_at) VALUES (@member_id, @date, @time, @place, @kind, @note, @created_at)');
  const get = db.prepare<[number], AppointmentRow>('SELECT * FROM appointments WHERE id = ?');
  const del = db.prepare('DELETE FROM appointments WHERE id = ?');
  const between = db.prepare<[string, string, number], AppointmentRow>('SELECT * FROM appointments WHERE date >= ? AND date <= ? ORDER BY date, time LIMIT ?');
  const forMember = db.prepare<[number, string, string], AppointmentRow>('SELECT * FROM appointments WHERE member_id = ? AND date >= ? AND date <= ? ORDER BY date DESC, time DESC');
  return {
    add: (row: Omit<AppointmentRow, 'id'>) => Number(insert.run(row).lastInsertRowid),
    get: (id: number) => get.get(id) ?? null,
    remove: (id: number) => del.run(id).changes === 1,
    between: (from: string, to: string, limit: number) => between.all(from, to, limit),
    forMember: (memberId: number, from: string, to: string) => forMember.all(memberId, from, to),
  };
}

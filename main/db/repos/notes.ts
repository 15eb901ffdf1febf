import type { Db } from '../connection';

export type NoteRow = { id: number; member_id: number; created_at: string; author: string; text: string };

export function notesRepo(db: Db) {
  const insert = db.prepare('INSERT INTO notes (member_id, created_at, author, text) VALUES (?, ?, ?, ?)');
  const get = db.prepare<[number], NoteRow>('SELECT * FROM notes WHERE id = ?');
  const forMember = db.prepare<[number], NoteRow>('SELECT * FROM notes WHERE member_id = ? ORDER BY id DESC');
  return {
    add: (memberId: number, at: string, author: string, text: string) => Number(insert.run(memberId, at, author, text).lastInsertRowid),
    get: (id: number) => get.get(id) ?? null,
    forMember: (memberId: number) => forMember.all(memberId),
  };
}

import type { Db } from '../connection';

export type AuditRow = { id: number; at: string; who: string; member_id: number | null; entity: string; field: string; old_value: string | null; new_value: string | null };
export type AuditEntry = Omit<AuditRow, 'id'>;

export function auditRepo(db: Db) {
  const insert = db.prepare('INSERT INTO audit (at, who, member_id, entity, field, old_value, new_value) VALUES (@at, @who, @member_id, @entity, @field, @old_value, @new_value)');
  const forMember = db.prepare<[number, number], AuditRow>('SELECT * FROM audit WHERE member_id = ? ORDER BY id DESC LIMIT ?');
  return {
    add: (e: AuditEntry) => void insert.run(e),
    forMember: (memberId: number, limit: number) => forMember.all(memberId, limit),
  };
}
export type AuditRepo = ReturnType<typeof auditRepo>;

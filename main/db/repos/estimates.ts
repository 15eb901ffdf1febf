import type { Db } from '../connection';

export type EstimateRow = {
  id: number;
  member_id: number;
  created_at: string;
  created_by: string;
  retirement_date: string;
  engine_version: string;
  basis_id: string | null;
  label: string | null;
  case_json: string;
  estimate_json: string;
};

export function estimatesRepo(db: Db) {
  const insert = db.prepare(
    'INSERT INTO estimates (member_id, created_at, created_by, retirement_date, engine_version, basis_id, label, case_json, estimate_json) VALUES (@member_id, @created_at, @created_by, @retirement_date, @engine_version, @basis_id, @label, @case_json, @estimate_json)',
  );
  const get = db.prepare<[number], EstimateRow>('SELECT * FROM estimates WHERE id = ?');
  const forMember = db.prepare<[number], Omit<EstimateRow, 'case_json' | 'estimate_json'>>(
    'SELECT id, member_id, created_at, created_by, retirement_date, engine_version, basis_id, label FROM estimates WHERE member_id = ? ORDER BY id DESC',
  );
  return {
    add: (row: Omit<EstimateRow, 'id'>) => Number(insert.run(row).lastInsertRowid),
    get: (id: number) => get.get(id) ?? null,
    forMember: (memberId: number) => forMember.all(memberId),
  };
}

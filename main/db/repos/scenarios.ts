import type { Db } from '../connection';

export type ScenarioRow = { member_id: number; plan: string | null; actuarial_basis: string | null; updated_at: string; updated_by: string };

export function scenariosRepo(db: Db) {
  const get = db.prepare<[number], ScenarioRow>('SELECT * FROM scenarios WHERE member_id = ?');
  const upsert = db.prepare(
    `INSERT INTO scenarios (member_id, plan, actuarial_basis, updated_at, updated_by) VALUES (@member_id, @plan, @actuarial_basis, @updated_at, @updated_by)
     ON CONFLICT (member_id) DO UPDATE SET plan = excluded.plan, actuarial_basis = excluded.actuarial_basis, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  );
  return {
    get: (memberId: number) => get.get(memberId) ?? null,
    put: (row: ScenarioRow) => void upsert.run(row),
  };
}

import type { Db } from '../connection';

export type BasisRow = { id: string; version: number; json: string; created_at: string };
export type TableRow = { id: number; name: string; source_xml: string; summary_json: string; imported_at: string };

/** Plan-provision settings, stored bases and imported tables, and drafts of unsaved edits. */
export function settingsRepo(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const set = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const bases = db.prepare<[], BasisRow>('SELECT * FROM bases ORDER BY id, version');
  const basisInsert = db.prepare('INSERT INTO bases (id, version, json, created_at) VALUES (?, ?, ?, ?)');
  const tables = db.prepare<[], Omit<TableRow, 'source_xml'>>('SELECT id, name, summary_json, imported_at FROM mortality_tables ORDER BY id');
  const tableGet = db.prepare<[number], TableRow>('SELECT * FROM mortality_tables WHERE id = ?');
  const tableInsert = db.prepare('INSERT INTO mortality_tables (name, source_xml, summary_json, imported_at) VALUES (?, ?, ?, ?)');
  const draftGet = db.prepare<[string], { json: string; updated_at: string }>('SELECT json, updated_at FROM drafts WHERE key = ?');
  const draftSet = db.prepare('INSERT INTO drafts (key, json, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET json = excluded.json, updated_at = excluded.updated_at');
  const draftDelete = db.prepare('DELETE FROM drafts WHERE key = ?');
  return {
    get: (key: string) => get.get(key)?.value ?? null,
    set: (key: string, value: string) => void set.run(key, value),
    bases: () => bases.all(),
    addBasis: (id: string, version: number, json: string, at: string) => void basisInsert.run(id, version, json, at),
    tables: () => tables.all(),
    table: (id: number) => tableGet.get(id) ?? null,
    addTable: (name: string, xml: string, summary: string, at: string) => Number(tableInsert.run(name, xml, summary, at).lastInsertRowid),
    draft: (key: string) => draftGet.get(key) ?? null,
    setDraft: (key: string, json: string, at: string) => void draftSet.run(key, json, at),
    deleteDraft: (key: string) => void draftDelete.run(key),
  };
}

import { z } from 'zod';
import { buildMortality, inspectXtbml, parseXtbml, SHIPPED_BASIS_IDS, getShippedBasis, parseBasis, tableResolver, XtbmlError, type ActuarialTable, type Basis } from '../../shared/actuarial';
import { AppFailure } from '../../shared/ipc/result';
import type { ServiceContext } from './context';

/** Plan provisions the administrator can set (RULES.md BD-5, FORM-4), and the idle lock. */
export const planSettingsSchema = z.strictObject({
  /** BD-5: offer BackDROP cash in three annual installments (on by default, as the seed states). */
  backdropInstallments: z.boolean(),
  /** FORM-4: basic life continues if the member retires within this many days of leaving. */
  basicLifeDays: z.number().int().min(0).max(365),
  /** The workstation locks after this many minutes without a call from the window. */
  idleLockMinutes: z.number().int().min(1).max(60),
});
export type PlanSettings = z.infer<typeof planSettingsSchema>;
export const DEFAULT_SETTINGS: PlanSettings = { backdropInstallments: true, basicLifeDays: 60, idleLockMinutes: 10 };

export function settingsService(ctx: ServiceContext) {
  const { repos, clock } = ctx;
  function get(): PlanSettings {
    const raw = repos.settings.get('plan');
    if (!raw) return DEFAULT_SETTINGS;
    const parsed = planSettingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(JSON.parse(raw) as object) });
    if (!parsed.success) throw new AppFailure('INTERNAL', 'The stored plan settings are damaged; set them again.');
    return parsed.data;
  }
  return {
    get,
    set(patch: Partial<PlanSettings>): PlanSettings {
      // An absent or undefined (structured clone) setting keeps its value; the whole is checked
      // before it is stored, so a bad merge never reaches the database.
      const given = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
      const next = planSettingsSchema.parse({ ...get(), ...given });
      repos.settings.set('plan', JSON.stringify(next));
      return next;
    },
    /** Stored bases (immutable rows, one per version) and the shipped ones. */
    bases(): { id: string; version: number; name: string; effectiveDate: string; source: string; shipped: boolean }[] {
      const shipped = SHIPPED_BASIS_IDS.map((id) => getShippedBasis(id));
      return [...shipped.map((b) => summary(b, true)), ...this.storedBases().map((b) => summary(b, false))];
    },
    storedBases(): Basis[] {
      return repos.settings.bases().map((r) => parseBasis(JSON.parse(r.json)));
    },
    /** Imported tables by the reference a basis names them with (immutable once stored). */
    storedTables(): Record<string, ActuarialTable> {
      const out: Record<string, ActuarialTable> = {};
      for (const t of repos.settings.tables()) {
        const row = repos.settings.table(t.id);
        if (row) out[row.name] = parseXtbml(row.source_xml);
      }
      return out;
    },
    tables() {
      return repos.settings.tables().map((t) => ({ id: t.id, name: t.name, importedAt: t.imported_at, summary: JSON.parse(t.summary_json) as unknown }));
    },
    /** Store an SOA XTbML table under the reference a basis will use (`PubG-2010-M`). */
    importTable(name: string, xml: string): { id: number; name: string } {
      if (!/^[A-Za-z][A-Za-z0-9._-]{0,63}$/.test(name)) throw new AppFailure('INVALID_INPUT', `The table reference "${name}" is not valid.`, { name: 'letters, digits, ".", "_" and "-", starting with a letter' });
      if (repos.settings.tables().some((t) => t.name === name)) throw new AppFailure('CONFLICT', `A table is already stored as ${name}; stored tables never change, so import it under a new reference.`, { name: 'is already used' });
      let summary: unknown;
      try {
        parseXtbml(xml);
        summary = inspectXtbml(xml);
      } catch (err) {
        if (err instanceof XtbmlError) throw new AppFailure('INVALID_INPUT', `The table is not valid XTbML: ${err.message}`, { file: err.message });
        throw err;
      }
      const id = repos.settings.addTable(name, xml, JSON.stringify(summary), clock.now());
      return { id, name };
    },
    addBasis(json: unknown): { id: string; version: number } {
      let basis: Basis;
      try {
        basis = parseBasis(json);
      } catch (err) {
        throw new AppFailure('INVALID_INPUT', `The basis is not valid: ${(err as Error).message}`);
      }
      try {
        // Every table the basis names must be a formula table or one stored in the caseload.
        buildMortality(basis, tableResolver(this.storedTables()));
      } catch (err) {
        throw new AppFailure('INVALID_INPUT', `The basis cannot be built: ${(err as Error).message}. Import its tables first (npm run cli -- basis import-table).`);
      }
      if ((SHIPPED_BASIS_IDS as readonly string[]).includes(basis.id)) throw new AppFailure('CONFLICT', `${basis.id} is a shipped basis id.`, { id: 'is a shipped basis id' });
      if (repos.settings.bases().some((r) => r.id === basis.id && r.version === basis.version)) {
        throw new AppFailure('CONFLICT', `Basis ${basis.id} version ${basis.version} exists and is immutable; give a new version.`, { version: 'already exists' });
      }
      repos.settings.addBasis(basis.id, basis.version, JSON.stringify(basis), clock.now());
      return { id: basis.id, version: basis.version };
    },
    draft(key: string) {
      const d = repos.settings.draft(key);
      return d ? { json: d.json, updatedAt: d.updated_at } : null;
    },
    setDraft(key: string, json: string) {
      repos.settings.setDraft(key, json, clock.now());
      return { saved: true };
    },
    deleteDraft(key: string) {
      repos.settings.deleteDraft(key);
      return { deleted: true };
    },
  };
}

function summary(b: Basis, shipped: boolean) {
  return { id: b.id, version: b.version, name: b.name, effectiveDate: b.effectiveDate, source: b.source, shipped };
}

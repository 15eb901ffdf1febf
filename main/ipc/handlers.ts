import { basename } from 'node:path';
import type { ChannelOutput } from '../../shared/ipc/contract';
import type { Services } from '../app';
import { degradedMessage } from '../db/integrity';
import type { Handlers } from './dispatch';

/** The storage's state as the window sees it: backups by name, the damage with its whole message. */
function storageStatus(s: Services): ChannelOutput<'storage:status'> {
  const { degraded, dailyBackup, checking, readOnly } = s.storage.status();
  const daily = dailyBackup?.status === 'written' ? { status: 'written' as const, name: dailyBackup.backup.name } : dailyBackup;
  return {
    checking: Boolean(checking),
    damaged: degraded
      ? {
          reason: degraded.reason,
          message: degradedMessage(degraded),
          damagedCopy: degraded.damagedCopy,
          newestGoodBackup: degraded.newestGoodBackup ? basename(degraded.newestGoodBackup) : null,
        }
      : null,
    readOnly: readOnly ?? null,
    dailyBackup: daily,
    backupFolder: s.storage.folder(),
  };
}

/** Thin: the contract has validated the input; each handler calls one service. */
export function handlers(s: Services): Handlers {
  return {
    'members:search': (i) => s.members.search(i),
    'members:get': (i) => s.members.get(i.id),
    'members:create': (i) => s.members.create(i.member),
    'members:update': (i) => s.members.update(i.id, i.version, i.patch),
    'members:archive': (i) => s.members.setArchived(i.id, i.version, i.archived),
    'members:revealSsn': (i) => s.members.revealSsn(i.id, i.reason),
    'members:audit': (i) => s.members.auditTrail(i.id, i.limit),
    'spouse:set': (i) => s.members.setSpouse(i.memberId, i.version, i.spouse),
    'beneficiaries:set': (i) => s.members.setBeneficiaries(i.memberId, i.version, i.designation, i.beneficiaries),
    'pay:set': (i) => s.members.setPay(i.memberId, i.version, { history: i.history }),
    'appointments:list': (i) => s.schedule.appointments(i),
    'appointments:create': (i) => s.schedule.addAppointment(i),
    'appointments:delete': (i) => s.schedule.removeAppointment(i.id),
    'notes:list': (i) => s.schedule.notes(i.memberId),
    'notes:add': (i) => s.schedule.addNote(i.memberId, i.text),
    'process:get': (i) => s.process.get(i.memberId),
    'process:setForm': (i) => s.process.setForm(i.memberId, i.version, i.form, i.status, i.receivedOn),
    'process:setProof': (i) => s.process.setProof(i.memberId, i.version, i.document, i.received, i.receivedOn),
    'estimates:compute': (i) => s.estimates.compute(i),
    'estimates:computeCase': (i) => s.estimates.computeCase(i.case),
    'estimates:save': (i) => s.estimates.save(i),
    'estimates:list': (i) => s.estimates.list(i.memberId),
    'estimates:get': (i) => s.estimates.get(i.id),
    'estimates:compare': (i) => s.estimates.compare(i.a, i.b),
    'scenarios:get': (i) => s.scenarios.get(i.memberId),
    'scenarios:use': (i) => s.scenarios.use(i.memberId, i.version, i.scenario),
    'documents:packet': (i) => s.documents.packet(i),
    'documents:save': (i) => s.documents.save(i.token),
    'documents:print': (i) => s.documents.print(i.token),
    'bases:list': () => s.settings.bases(),
    'settings:get': () => s.settings.get(),
    'settings:set': (i) => s.settings.set(i),
    'drafts:get': (i) => s.settings.draft(i.key),
    'drafts:set': (i) => s.settings.setDraft(i.key, i.json),
    'drafts:delete': (i) => s.settings.deleteDraft(i.key),
    'storage:status': () => storageStatus(s),
    'backups:list': () => s.storage.backups().map(({ name, day, time, reason, bytes }) => ({ name, day, time, reason, bytes })),
    'backups:preview': (i) => ({ name: i.name, ...s.storage.preview(i.name) }),
    'backups:restore': (i) => ({ ...s.storage.restore(i.name), status: storageStatus(s) }),
    'session:status': () => s.session.status(),
    'session:setup': (i) => s.session.setup(i.passphrase),
    'session:unlock': (i) => s.session.unlock(i.passphrase),
    'session:recover': (i) => s.session.recover(i.recoveryKey, i.next),
    'session:lock': () => s.session.lock('manual'),
    'session:changePassphrase': (i) => s.session.changePassphrase(i.current, i.next),
  };
}

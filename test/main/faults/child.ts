// The writer that test/main/faults/kill-loop.ts kills: `child.ts DB`. It loads, says "ready",
// waits for a line on stdin, opens the caseload through openApp (check, daily backup and all),
// says "open G", then writes generation after generation until it is killed. Generation g is one
// transaction: every member's sick-leave hours set to g (an update with its audit row and a new
// version each), and member g mod N's pay history set to g.00 (its audit row and version too).
// "gen g" is printed after each commit; stdout to a pipe is synchronous on Linux, so a printed
// generation was committed before the kill.
import { openApp } from '../../../main/app';
import { keyFilePath, passphraseSecret, unlockKeyFile } from '../../../main/security/keys';

const dbPath = process.argv[2];
if (!dbPath) {
  process.stderr.write('usage: child DB\n');
  process.exit(2);
}

function run(path: string): void {
  // An encrypted caseload (MOSERS_PASSPHRASE set): unlocked as the workstation does.
  const passphrase = process.env.MOSERS_PASSPHRASE;
  const key = passphrase ? unlockKeyFile(keyFilePath(path), passphraseSecret(passphrase)) : null;
  const app = openApp(path, { who: 'kill-loop', key });
  key?.fill(0);
  const { db, services } = app;
  const ids = (db.prepare('SELECT id FROM members ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const versions = new Map<number, number>();
  let gen = -1;
  for (const id of ids) {
    const m = services.members.get(id);
    versions.set(id, m.version);
    gen = m.service?.sickLeaveHours ?? 0;
  }
  process.stdout.write(`open ${gen}\n`);
  for (;;) {
    const g = gen + 1;
    db.transaction(() => {
      for (const id of ids) {
        const m = services.members.get(id);
        const rec = services.members.update(id, versions.get(id)!, { service: { ...m.service!, sickLeaveHours: g } });
        versions.set(id, rec.version);
      }
      const k = ids[g % ids.length]!;
      const rec = services.members.setPay(k, versions.get(k)!, {
        history: [
          { month: '2026-09', amount: `${g}.00` },
          { month: '2026-10', amount: `${g}.00` },
        ],
      });
      versions.set(k, rec.version);
    })();
    gen = g;
    process.stdout.write(`gen ${gen}\n`);
  }
}

process.stdin.once('data', () => run(dbPath));
process.stdout.write('ready\n');

// The workstation's side of the restore race (claim-race.test.ts): `writer.ts DB`, passphrase in
// MOSERS_PASSPHRASE. Opens the caseload through openApp as the app does, then saves a note
// "note N" on member 1 every few milliseconds and prints "ack N" once the save has returned (the
// counselor saw it saved). "stop" on stdin closes the app and prints "closed".
import { openApp } from '../../../main/app';
import { keyFilePath, passphraseSecret, unlockKeyFile } from '../../../main/security/keys';

const dbPath = process.argv[2]!;
const secret = passphraseSecret(process.env.MOSERS_PASSPHRASE ?? '');
const key = unlockKeyFile(keyFilePath(dbPath), secret);
secret.bytes.fill(0);
const app = openApp(dbPath, { key, who: 'race-writer' });
key.fill(0);
const memberId = app.services.members.search({ limit: 1 })[0]!.id;
let n = 0;
let stopping = false;
const timer = setInterval(() => {
  if (stopping) return;
  try {
    app.services.schedule.addNote(memberId, `note ${n + 1}`);
    n++;
    process.stdout.write(`ack ${n}\n`);
  } catch (err) {
    process.stdout.write(`fail ${n + 1} ${(err as Error).message}\n`);
  }
}, 3);
process.stdin.setEncoding('utf8');
process.stdin.on('data', (s: string) => {
  if (!s.includes('stop')) return;
  stopping = true;
  clearInterval(timer);
  app.close();
  process.stdout.write(`closed ${n}\n`);
  process.exit(0);
});
process.stdout.write(`open ${process.pid}\n`);

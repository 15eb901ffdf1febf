// The importer import-kill.test.ts kills: `import-child.ts DB ROSTER`. Opens the caseload through
// openApp, says "open", imports the roster (importRoster: one transaction), then says "imported N".
import { readFileSync } from 'node:fs';
import { openApp } from '../../../main/app';
import { importRoster } from '../../../main/cli/roster';

const [dbPath, roster] = process.argv.slice(2);
const app = openApp(dbPath!, { who: 'import-kill' });
process.stdout.write('open\n');
const t = performance.now();
const r = importRoster(app.db, app.services, readFileSync(roster!, 'utf8'));
process.stdout.write(`imported ${r.created} ${Math.round(performance.now() - t)}\n`);
app.close();

// `npm run preview`: the renderer in Chromium through the binding transport (no server, no port),
// against a real caseload database. For demos and development where Electron cannot run.
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dispatchFor, openApp } from '../app';
import { createLogger } from '../log';
import { defaultDbPath } from '../paths';
import type { DocumentHost } from '../services/documents';
import { workerCheck } from '../db/background-check';
import { afterUnlock } from '../services/backups';
import { launchChromium } from './browser';
import { attachBindingTransport, PREVIEW_ORIGIN, previewSenderAllowed } from './transport';

export const RENDERER_BUILD = join(import.meta.dirname, '../../build/renderer');

/** The preview saves packets into a folder (no save dialog without Electron) and cannot print. */
export function folderDocumentHost(dir: string): DocumentHost {
  return {
    chooseSavePath: async (name) => {
      mkdirSync(dir, { recursive: true });
      return join(dir, name);
    },
    print: async () => ({ outcome: 'unavailable' }),
  };
}

export async function buildRenderer(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: join(import.meta.dirname, '../../vite.config.ts'), logLevel: 'warn' });
}

async function main(argv: string[]): Promise<number> {
  const dbIdx = argv.indexOf('--db');
  // A relative path is from where the command was run (npm run starts in the project folder).
  const dbArg = dbIdx >= 0 ? argv[dbIdx + 1] : defaultDbPath();
  const dbPath = dbArg ? resolve(process.env.INIT_CWD || process.cwd(), dbArg) : dbArg;
  if (!dbPath) {
    process.stderr.write('--db: needs a path\n');
    return 2;
  }
  const headless = argv.includes('--headless') || !process.env.DISPLAY;
  if (!argv.includes('--no-build') || !existsSync(join(RENDERER_BUILD, 'index.html'))) await buildRenderer();
  const outIdx = argv.indexOf('--out');
  const outDir = outIdx >= 0 && argv[outIdx + 1] ? argv[outIdx + 1]! : join(homedir(), 'Downloads');
  // Locked until the passphrase is given, as the desktop app starts.
  const app = openApp(dbPath, { locked: true, scheduleAfterUnlock: afterUnlock, backgroundCheck: workerCheck(), documentHost: folderDocumentHost(outDir) });
  const log = createLogger((l) => process.stderr.write(l));
  const dispatch = dispatchFor(app.services, { isAllowedSender: previewSenderAllowed, log: (l) => log.error(l) });
  const context = await launchChromium({ headless });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (m) => {
    if (m.type() === 'error') process.stderr.write(`renderer: ${m.text()}\n`);
  });
  const transport = await attachBindingTransport(page, RENDERER_BUILD, dispatch);
  app.setEventSink((event, payload) => void transport.emit(event, payload));
  await page.goto(`${PREVIEW_ORIGIN}/index.html`);
  process.stdout.write(`Preview open on ${dbPath}${headless ? ' (headless: no display found)' : ''}. Close the window or press Ctrl+C to stop.\n`);
  const shot = argv.indexOf('--screenshot');
  if (shot >= 0 && argv[shot + 1]) {
    await page.waitForSelector('[data-testid="search"], [data-testid="lock-screen"]');
    await page.waitForTimeout(500);
    await page.screenshot({ path: argv[shot + 1]! });
    await context.close();
  } else {
    await new Promise<void>((resolve) => {
      context.on('close', () => resolve());
      process.on('SIGINT', () => void context.close());
    });
  }
  app.close();
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      process.stderr.write(`preview: ${(err as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}

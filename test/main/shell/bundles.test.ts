import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../../main/app';
import { checkWorkerFile, workerCheck } from '../../../main/db/background-check';
import { PRODUCT_NAME } from '../../../main/paths';
import { NONCE_PLACEHOLDER } from '../../../main/shell/csp';
import { mainWindowOptions } from '../../../main/shell/window-options';
import { memberFactsSchema } from '../../../shared/domain/member';
import { CHANNELS, EVENTS } from '../../../shared/ipc/contract';
import { buildElectron, electronBuildOptions, ROOT } from '../../../scripts/build-electron.mjs';
import { johnSmith, SMITH_PAY } from '../caseload-fixture';

// The bundles are built into a folder inside the repository (so node_modules resolves as it does
// from build/electron), next to a stand-in renderer.
const work = join(ROOT, '.tmp');
mkdirSync(work, { recursive: true });
const dir = mkdtempSync(join(work, 'electron-bundles-'));
const outDir = join(dir, 'electron');
let built: Awaited<ReturnType<typeof buildElectron>>;

beforeAll(async () => {
  built = await buildElectron({ outDir });
  mkdirSync(join(dir, 'renderer'));
  writeFileSync(join(dir, 'renderer', 'index.html'), `<!doctype html><meta name="csp-nonce" content="${NONCE_PLACEHOLDER}"><title>bundle test</title>`);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function requiresOf(code: string): string[] {
  return [...code.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]!);
}

describe('scripts/build-electron.mjs', () => {
  it('writes build/electron/main.cjs and preload.cjs by default, from main/electron', () => {
    const o = electronBuildOptions();
    expect(o.main.outfile).toBe(join(ROOT, 'build/electron/main.cjs'));
    expect(o.preload.outfile).toBe(join(ROOT, 'build/electron/preload.cjs'));
    expect(o.main.entryPoints).toEqual([join(ROOT, 'main/electron/main.ts')]);
    expect(o.preload.entryPoints).toEqual([join(ROOT, 'main/electron/preload.ts')]);
    expect(o.main).toMatchObject({ bundle: true, format: 'cjs', platform: 'node', external: ['electron', 'better-sqlite3-multiple-ciphers'] });
    expect(o.preload).toMatchObject({ bundle: true, format: 'cjs', external: ['electron'] });
  });

  it('produces the bundles', () => {
    expect(built.mainFile).toBe(join(outDir, 'main.cjs'));
    expect(built.preloadFile).toBe(join(outDir, 'preload.cjs'));
    expect(readFileSync(built.mainFile, 'utf8').length).toBeGreaterThan(1000);
  });

  it('the preload requires nothing but electron and carries no zod or Node', () => {
    const code = readFileSync(built.preloadFile, 'utf8');
    expect(new Set(requiresOf(code))).toEqual(new Set(['electron']));
    const externals = Object.values(built.metafiles.preload.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(new Set(externals)).toEqual(new Set(['electron']));
    expect(Object.keys(built.metafiles.preload.inputs).some((f) => f.includes('node_modules/zod'))).toBe(false);
    expect(code.length).toBeLessThan(20_000);
  });

  it('the main bundle leaves out only electron, better-sqlite3-multiple-ciphers and Node built-ins, and no import.meta', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const externals = Object.values(built.metafiles.main.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(new Set(externals.filter((m) => !builtins.has(m)))).toEqual(new Set(['electron', 'better-sqlite3-multiple-ciphers']));
    expect(readFileSync(built.mainFile, 'utf8')).not.toMatch(/import\.meta/);
  });
});

describe('the bundled preload, run in an empty context with a stand-in electron', () => {
  type Api = { invoke(c: unknown, i: unknown): Promise<unknown>; on(e: unknown, l: (p: unknown) => void): () => void };
  function load() {
    const exposed: Record<string, Api> = {};
    const invoked: unknown[][] = [];
    const listeners = new Map<string, (event: unknown, payload: unknown) => void>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Api) => (exposed[key] = api) },
      ipcRenderer: {
        invoke: async (...args: unknown[]) => {
          invoked.push(args);
          return { ok: true, value: null };
        },
        on: (channel: string, l: (event: unknown, payload: unknown) => void) => listeners.set(channel, l),
        removeListener: (channel: string) => listeners.delete(channel),
      },
    };
    const required: string[] = [];
    const module = { exports: {} };
    runInNewContext(readFileSync(built.preloadFile, 'utf8'), {
      require: (name: string) => {
        required.push(name);
        if (name === 'electron') return electron;
        throw new Error(`a sandboxed preload cannot require ${name}`);
      },
      module,
      exports: module.exports,
    });
    return { exposed, invoked, listeners, required };
  }

  it('exposes window.api = { invoke, on } and requires only electron', () => {
    const { exposed, required } = load();
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed.api!).sort()).toEqual(['invoke', 'on']);
    expect(required).toEqual(['electron']);
  });

  it("forwards exactly the contract's channels on the ipc wire", async () => {
    const { exposed, invoked } = load();
    for (const c of CHANNELS) await exposed.api!.invoke(c, { x: 1 });
    expect(invoked).toEqual(CHANNELS.map((c) => ['ipc', c, { x: 1 }]));
    const refused = JSON.parse(JSON.stringify(await exposed.api!.invoke('fs:read', {})));
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(invoked).toHaveLength(CHANNELS.length);
  });

  it("subscribes to exactly the contract's events and passes the payload only", () => {
    const { exposed, listeners } = load();
    const got: unknown[][] = [];
    for (const e of EVENTS) exposed.api!.on(e, (...args: unknown[]) => got.push(args));
    expect([...listeners.keys()]).toEqual(EVENTS.map((e) => `event:${e}`));
    listeners.get('event:packet:progress')!({ sender: 'ipcRenderer' }, { done: 1, total: 3, label: 'cover' });
    expect(got).toEqual([[{ done: 1, total: 3, label: 'cover' }]]);
    expect(() => exposed.api!.on('members:search', () => undefined)).toThrow(/Unknown event/);
  });
});

describe('the bundled check worker', () => {
  it('is check-worker.cjs beside main.cjs, where the main bundle looks for it, and requires only the SQLite binding', () => {
    expect(built.checkWorkerFile).toBe(join(outDir, 'check-worker.cjs'));
    expect(checkWorkerFile(outDir)).toBe(built.checkWorkerFile);
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(requiresOf(readFileSync(built.checkWorkerFile, 'utf8')).filter((m) => !builtins.has(m))).toEqual(['better-sqlite3-multiple-ciphers']);
  });

  it('checks an encrypted caseload in a worker thread, and finds a damaged page', async () => {
    const path = join(dir, 'checked.db');
    const key = randomBytes(32);
    const app = openApp(path, { key: Buffer.from(key), who: 'bundle-test' });
    for (let i = 0; i < 100; i++) app.services.members.create(memberFactsSchema.parse(johnSmith({ memberId: `W${i}` })));
    app.close();
    expect(await workerCheck(built.checkWorkerFile)(path, key).health).toEqual({ ok: true });
    const bytes = readFileSync(path);
    for (let i = 4 * 4096 + 100; i < 4 * 4096 + 140; i++) bytes[i]! ^= 0xff;
    writeFileSync(path, bytes);
    expect(await workerCheck(built.checkWorkerFile)(path, key).health).toMatchObject({ ok: false });
  });
});

describe('the bundled main process, run under Node with a stand-in electron', () => {
  type Call = [string, ...unknown[]];
  function run(scenario: 'normal' | 'db-fail', seed: unknown = null) {
    const home = mkdtempSync(join(tmpdir(), 'electron-home-'));
    if (scenario === 'db-fail') mkdirSync(join(home, '.config', PRODUCT_NAME, 'caseload.db'), { recursive: true });
    const r = spawnSync(process.execPath, [join(import.meta.dirname, 'fake-electron.mjs'), built.mainFile, scenario, JSON.stringify(seed)], {
      encoding: 'utf8',
      env: { ...process.env, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), APPDATA: join(home, 'AppData') },
      timeout: 60_000,
    });
    rmSync(home, { recursive: true, force: true });
    if (r.status !== 0) throw new Error(`fake-electron exited ${r.status}: ${r.stderr}`);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return { out: JSON.parse(r.stdout) as any, home };
  }

  let normal: ReturnType<typeof run>;
  beforeAll(() => {
    normal = run('normal', { member: johnSmith(), history: SMITH_PAY });
  }, 90_000);

  it('before ready: names the app, pins userData, enables the sandbox, registers app:// as standard and secure, takes the single-instance lock', () => {
    const names = (normal.out.beforeReady as Call[]).map((c) => c[0]);
    expect(names).toEqual(['app.setName', 'app.setPath', 'app.enableSandbox', 'protocol.registerSchemesAsPrivileged', 'app.requestSingleInstanceLock']);
    const calls = normal.out.beforeReady as Call[];
    expect(calls[0]).toEqual(['app.setName', PRODUCT_NAME, false]);
    expect(calls[1]).toEqual(['app.setPath', 'userData', join(normal.home, '.config', PRODUCT_NAME), false]);
    expect(calls[3]![1]).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true } }]);
  });

  it('opens one window with the shared options and the bundled preload, shown on ready-to-show', () => {
    expect(normal.out.windows).toBe(1);
    expect(normal.out.windowOptions).toEqual(mainWindowOptions(join(outDir, 'preload.cjs'), { devTools: true }));
    expect(normal.out.shownAfterReady).toBe(true);
    expect(normal.out.calls).toContainEqual(['loadURL', 'app://workstation/index.html']);
    expect(normal.out.menuLabels).toEqual(['&File', '&Edit', '&View', '&Window', '&Help']);
  });

  it('serves the renderer through protocol.handle with the CSP, and refuses traversal and POST', () => {
    const p = normal.out.protocol;
    expect(p.index.status).toBe(200);
    expect(p.index.csp).toContain("default-src 'none'");
    expect(p.index.body).toContain('<title>bundle test</title>');
    expect(p.index.body).not.toContain(NONCE_PLACEHOLDER);
    expect(p.traversal.status).toBe(404);
    expect(p.post.status).toBe(404);
  });

  it('starts locked: a new caseload answers LOCKED until its first passphrase is set; the screen lock locks it again', () => {
    const lock = normal.out.lock;
    expect(lock.status).toEqual({ ok: true, value: { state: 'setup', encrypted: false, reason: null, idleLockMinutes: 10 } });
    expect(lock.beforeSetup).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(lock.setup).toMatchObject({ ok: true, value: { recoveryKey: expect.stringMatching(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){7}$/), status: { state: 'unlocked', encrypted: true } } });
    expect(lock.powerEvents).toEqual(['lock-screen', 'suspend']);
    expect(lock.afterScreenLock.sent).toEqual([['event:app:locked', { reason: 'screen-lock' }]]);
    expect(lock.afterScreenLock.answer).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(lock.afterScreenLock.unlocked).toMatchObject({ ok: true, value: { state: 'unlocked', reason: 'screen-lock' } });
  });

  it('answers IPC from the main frame only, through the contract', () => {
    const ipc = normal.out.ipc;
    expect(ipc.mainFrame.ok).toBe(true);
    expect(ipc.subFrame.error.code).toBe('FORBIDDEN');
    expect(ipc.goneFrame.error.code).toBe('FORBIDDEN');
    expect(ipc.unknown.error.code).toBe('FORBIDDEN');
    expect(ipc.badInput.error.code).toBe('INVALID_INPUT');
  });

  it('builds a packet in the bundle (fonts found) and pushes its progress as event:packet:progress', () => {
    expect(normal.out.packet).toMatchObject({ ok: true, value: { token: expect.any(String), pageCount: expect.any(Number) } });
    expect(normal.out.events.length).toBeGreaterThan(0);
    for (const e of normal.out.events) expect(e).toEqual({ channel: 'event:packet:progress', keys: ['done', 'label', 'total'] });
  });

  it('documents:save asks with a native save dialog (default name, .pdf added) and writes the PDF there', () => {
    expect(normal.out.save).toEqual({ ok: true, value: { saved: true, path: join(normal.home, 'chosen-name.pdf') } });
    expect(normal.out.savedHead).toBe('%PDF-');
    expect(normal.out.saveCancelled).toEqual({ ok: true, value: { saved: false, path: null } });
    const dialogs = (normal.out.finalCalls as Call[]).filter((c) => c[0] === 'dialog.showSaveDialog');
    expect(dialogs[0]).toEqual([
      'dialog.showSaveDialog',
      'with parent',
      expect.objectContaining({ defaultPath: join('/fake/documents', normal.out.packet.value.fileName), filters: [{ name: 'PDF documents', extensions: ['pdf'] }] }),
    ]);
  });

  it('documents:print prints from a hidden, sandboxed window in its own session that serves only that PDF', () => {
    expect(normal.out.print).toEqual({ ok: true, value: { printed: true } });
    const w = normal.out.printWindow;
    expect(w.options.show).toBe(false);
    expect(w.options.webPreferences).toMatchObject({ partition: 'mosers-print', sandbox: true, contextIsolation: true, nodeIntegration: false, devTools: false });
    expect(w.options.webPreferences.preload).toBeUndefined();
    expect(w.loaded).toEqual({ status: 200, type: 'application/pdf', head: '%PDF-' });
    expect(w.lastUrl).toMatch(/^app:\/\/workstation\/print\/[0-9a-f-]{36}\/Smith-M100200-packet-[\d-]+\.pdf$/);
    expect(w.destroyed).toBe(true);
    expect(w.servedAfter).toBe(404);
    expect(w.sessionSecured).toBe(true);
    expect(normal.out.printJobFromMainSession).toBe(404);
    // Closing the print dialog is no error: nothing printed, and the screen says so.
    expect(normal.out.printCancelled).toEqual({ ok: true, value: { printed: false } });
    // A printer that fails is: UNAVAILABLE, saying what to do instead.
    expect(normal.out.printFailed).toEqual({ ok: false, error: { code: 'UNAVAILABLE', message: 'Printing failed (Print job failed). Save the PDF and print it from there.' } });
  });

  it('hardens every web contents and the session', () => {
    expect(normal.out.hardened).toEqual({
      navigationPrevented: true,
      redirectPrevented: true,
      webviewPrevented: true,
      openHelp: { action: 'deny' },
      openEvil: { action: 'deny' },
    });
    expect(normal.out.session).toEqual({ permissionGranted: false, permissionCheck: false, devicePermission: false, blocksHttps: true, allowsApp: true });
  });

  it('offers a save dialog for the packet download and cancels foreign downloads', () => {
    expect(normal.out.downloads.packet.cancelled).toBe(false);
    expect(normal.out.downloads.packet.dialog).toMatchObject({ defaultPath: join('/fake/documents', 'Packet.pdf'), filters: [{ extensions: ['pdf'] }] });
    expect(normal.out.downloads.foreign).toEqual({ cancelled: true, dialog: null });
  });

  it('opens only allowlisted help externally, prints, focuses on a second instance, closes the caseload on quit', () => {
    const calls = normal.out.finalCalls as Call[];
    expect(calls.filter((c) => c[0] === 'shell.openExternal')).toEqual([
      ['shell.openExternal', 'https://www.mosers.org/forms'],
      ['shell.openExternal', 'https://www.mosers.org/'],
    ]);
    expect(calls.filter((c) => c[0] === 'webContents.print')).toHaveLength(4);
    expect(calls).toContainEqual(['restore']);
    expect(calls).toContainEqual(['focus']);
    expect(normal.out.afterQuit).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  });

  it('when the caseload cannot be opened: an error box with the path and a restore hint, exit 1, no window', () => {
    const { out, home } = run('db-fail');
    const calls = out.calls as Call[];
    const box = calls.find((c) => c[0] === 'dialog.showErrorBox')!;
    expect(box[1]).toBe('The caseload database cannot be opened');
    expect(box[2]).toContain(join(home, '.config', PRODUCT_NAME, 'caseload.db'));
    expect(box[2]).toContain('npm run cli -- restore');
    expect(calls.at(-1)).toEqual(['app.exit', 1]);
    expect(out.windows).toBe(0);
  }, 60_000);
});

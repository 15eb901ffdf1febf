// The Electron main process: thin wiring of main/shell's decisions and main/app's services to
// Electron. Bundled by scripts/build-electron.mjs into build/electron/main.cjs, next to
// preload.cjs and the renderer in build/renderer.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, powerMonitor, protocol, session, shell, type Session, type WebContents } from 'electron';
import { dispatchFor, openApp, type App } from '../app';
import type { Dispatch } from '../ipc/dispatch';
import { createLogger, redact } from '../log';
import { defaultDbPath, PRODUCT_NAME, userDataDir } from '../paths';
import { workerCheck } from '../db/background-check';
import { afterUnlock } from '../services/backups';
import { APP_ORIGIN, APP_SCHEME, handleAppRequest, responseParts } from '../shell/app-protocol';
import { printOutcome, saveDialogOptions } from '../shell/documents-host';
import { applicationMenu } from '../shell/menu';
import {
  attachWebviewDecision,
  downloadDecision,
  HELP_URL,
  isAllowedSender,
  permissionCheckDecision,
  permissionRequestDecision,
  senderOf,
  shouldAllowNavigation,
  shouldBlockRequest,
  windowOpenDecision,
} from '../shell/policies';
import { eventChannel, IPC_CHANNEL } from '../shell/preload-api';
import { databaseOpenError, rendererMissingError, type StartupError } from '../shell/startup-errors';
import { mainWindowOptions } from '../shell/window-options';
import { electronDocumentHost } from './document-host';

const HERE = import.meta.dirname;
const PRELOAD = join(HERE, 'preload.cjs');
const RENDERER_ROOT = join(HERE, '../renderer');
const DEV = !app.isPackaged;

// Electron names the app (and its userData folder) after package.json; the CLI computes the same
// folder from the product name (main/paths.ts), so name it explicitly before anything uses it.
app.setName(PRODUCT_NAME);
app.setPath('userData', userDataDir());
app.enableSandbox();
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);

let mainWindow: BrowserWindow | null = null;
let workstation: App | null = null;
const log = createLogger((line) => process.stderr.write(line));

function fatal(error: StartupError): void {
  dialog.showErrorBox(error.title, error.content);
  app.exit(1);
}

function openHelp(): void {
  const d = windowOpenDecision(HELP_URL);
  if (d.openExternal) void shell.openExternal(d.url);
}

function printFocused(): void {
  const win = BrowserWindow.getFocusedWindow() ?? mainWindow;
  win?.webContents.print({ printBackground: true }, (success, failureReason) => {
    const outcome = printOutcome(success, failureReason);
    if (!outcome.printed && !outcome.cancelled) dialog.showErrorBox('Printing failed', outcome.message);
  });
}

/** Every web contents, including the PDF viewer's: no navigation, no new windows, no webviews. */
function harden(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!shouldAllowNavigation(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    if (attachWebviewDecision() === 'deny') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const d = windowOpenDecision(url);
    if (d.openExternal) void shell.openExternal(d.url);
    return { action: d.action };
  });
}

/** No permissions, no devices, no network: for the workstation's session and the print window's. */
function secureSession(ses: Session): void {
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(permissionRequestDecision(permission)));
  ses.setPermissionCheckHandler(() => permissionCheckDecision());
  ses.setDevicePermissionHandler(() => permissionCheckDecision());
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: shouldBlockRequest(details.url) }));
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  secureSession(ses);
  // A download of a blob the page made (a PDF it shows) goes through a save dialog.
  ses.on('will-download', (event, item) => {
    const d = downloadDecision(item.getURL(), item.getFilename());
    if (!d.allow) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions(saveDialogOptions(d.defaultFileName, app.getPath('documents')));
  });
}

function serveRenderer(): void {
  protocol.handle(APP_SCHEME, (request) => {
    const { body, init } = responseParts(handleAppRequest(RENDERER_ROOT, request.url, request.method, APP_ORIGIN));
    return new Response(body, init);
  });
}

function openCaseload(): Dispatch | null {
  const dbPath = defaultDbPath();
  try {
    mkdirSync(dirname(dbPath), { recursive: true });
    // Locked until the counselor gives the passphrase (or sets one up on first run).
    workstation = openApp(dbPath, { locked: true, scheduleAfterUnlock: afterUnlock, backgroundCheck: workerCheck(), documentHost: electronDocumentHost(() => mainWindow, secureSession) });
  } catch (err) {
    fatal(databaseOpenError(dbPath, err));
    return null;
  }
  workstation.setEventSink((event, payload) => {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(eventChannel(event), payload);
  });
  return dispatchFor(workstation.services, { isAllowedSender, log: (line) => log.error(line) });
}

/** The screen locks or the laptop sleeps: the caseload locks first. */
function watchPower(): void {
  powerMonitor.on('lock-screen', () => workstation?.services.session.onPowerEvent('lock-screen'));
  powerMonitor.on('suspend', () => workstation?.services.session.onPowerEvent('suspend'));
  // Typing into a form makes no call to main: input at the OS while our window has focus counts
  // as activity too, so a long note is not cut off by the idle lock.
  setInterval(() => {
    if (mainWindow?.isFocused() && powerMonitor.getSystemIdleTime() < 60) workstation?.services.session.onActivity();
  }, 30_000).unref();
}

function createWindow(): void {
  const win = new BrowserWindow(mainWindowOptions(PRELOAD, { devTools: DEV }));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

async function start(): Promise<void> {
  await app.whenReady();
  if (!existsSync(join(RENDERER_ROOT, 'index.html'))) return fatal(rendererMissingError(RENDERER_ROOT));
  const dispatch = openCaseload();
  if (!dispatch) return;
  watchPower();
  lockDownSession();
  serveRenderer();
  ipcMain.handle(IPC_CHANNEL, (event, channel: unknown, input: unknown) =>
    dispatch(channel as string, input, senderOf(event.senderFrame, event.sender.mainFrame)),
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(process.platform, DEV, { print: printFocused, openHelp })));
  createWindow();
  app.on('activate', () => {
    if (!mainWindow) createWindow();
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another copy holds the caseload: it gets focus (below), this one leaves quietly.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => harden(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    workstation?.close();
    workstation = null;
  });
  start().catch((err: unknown) =>
    fatal({
      title: 'The workstation could not start',
      content: `What went wrong: ${redact((err as Error)?.message ?? String(err))}\n\nIf this keeps happening, contact MOSERS IT support and quote this message.`,
    }),
  );
}

// Runs the bundled main process (argv[2]: build/…/main.cjs) under plain Node with a stand-in for
// the `electron` module, drives it through startup, and prints what it did as JSON on stdout.
// argv[3] is the scenario: "normal" or "db-fail"; argv[4], optional JSON { member, history }, a
// member to create and build a packet for. The real electron package is never loaded.
import Module, { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const [bundle, scenario = 'normal', seedJson = 'null'] = process.argv.slice(2);
const calls = [];
const record = (...args) => calls.push(args);
let ready = false;

class Emitter {
  listeners = new Map();
  on(name, fn) {
    if (!this.listeners.has(name)) this.listeners.set(name, []);
    this.listeners.get(name).push(fn);
    return this;
  }
  once(name, fn) {
    const wrapped = (...a) => {
      this.listeners.set(name, (this.listeners.get(name) ?? []).filter((f) => f !== wrapped));
      fn(...a);
    };
    return this.on(name, wrapped);
  }
  emit(name, ...args) {
    for (const fn of [...(this.listeners.get(name) ?? [])]) fn(...args);
  }
  count(name) {
    return (this.listeners.get(name) ?? []).length;
  }
}

function fakeEvent(url) {
  return { url, prevented: false, preventDefault() { this.prevented = true; } };
}

class FakeWebContents extends Emitter {
  constructor(url) {
    super();
    this.mainFrame = { url };
    this.sent = [];
    this.windowOpenHandler = null;
  }
  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }
  send(channel, payload) {
    this.sent.push([channel, payload]);
  }
  print(options, callback) {
    record('webContents.print', options);
    callback(...printAnswer);
  }
}

let printAnswer = [false, 'cancelled'];
let saveAnswer = { canceled: true };
let readyResolve;
const whenReady = new Promise((resolve) => (readyResolve = resolve));
const paths = {};
const app = Object.assign(new Emitter(), {
  isPackaged: false,
  setName: (name) => record('app.setName', name, ready),
  setPath: (key, value) => {
    paths[key] = value;
    record('app.setPath', key, value, ready);
  },
  getPath: (key) => paths[key] ?? `/fake/${key}`,
  enableSandbox: () => record('app.enableSandbox', ready),
  requestSingleInstanceLock: () => {
    record('app.requestSingleInstanceLock');
    return true;
  },
  whenReady: () => whenReady,
  quit: () => record('app.quit'),
  exit: (code) => record('app.exit', code),
});

const windows = [];
class BrowserWindow extends Emitter {
  static getFocusedWindow() {
    return windows[0] ?? null;
  }
  constructor(options) {
    super();
    record('new BrowserWindow', options);
    this.options = options;
    this.shown = false;
    this.webContents = new FakeWebContents('app://workstation/index.html');
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    record('loadURL', url);
    const partition = this.options.webPreferences?.partition;
    if (partition) {
      const res = await partitions.get(partition).protocolHandlers.app(new Request(url));
      const body = Buffer.from(await res.arrayBuffer());
      this.loaded = { status: res.status, type: res.headers.get('content-type'), head: body.subarray(0, 5).toString('latin1') };
    }
  }
  destroy() {
    this.destroyed = true;
  }
  show() {
    this.shown = true;
  }
  focus() {
    record('focus');
  }
  isMinimized() {
    return true;
  }
  restore() {
    record('restore');
  }
  isDestroyed() {
    return this.destroyed === true;
  }
}

function fakeSession() {
  const ses = Object.assign(new Emitter(), {
    handlers: {},
    protocolHandlers: {},
    setPermissionRequestHandler(h) {
      ses.handlers.permissionRequest = h;
    },
    setPermissionCheckHandler(h) {
      ses.handlers.permissionCheck = h;
    },
    setDevicePermissionHandler(h) {
      ses.handlers.devicePermission = h;
    },
    webRequest: {
      onBeforeRequest(h) {
        ses.handlers.beforeRequest = h;
      },
    },
    protocol: {
      handle(scheme, handler) {
        ses.protocolHandlers[scheme] = handler;
      },
    },
  });
  return ses;
}

const partitions = new Map();
const session = {
  defaultSession: fakeSession(),
  fromPartition(name) {
    record('session.fromPartition', name);
    if (!partitions.has(name)) partitions.set(name, fakeSession());
    return partitions.get(name);
  },
};

const protocolHandlers = {};
const ipcHandlers = {};
let menu = null;
const powerMonitor = new Emitter();
powerMonitor.getSystemIdleTime = () => 0;
const electron = {
  app,
  powerMonitor,
  BrowserWindow,
  session,
  protocol: {
    registerSchemesAsPrivileged: (schemes) => record('protocol.registerSchemesAsPrivileged', schemes, ready),
    handle: (scheme, handler) => (protocolHandlers[scheme] = handler),
  },
  ipcMain: { handle: (channel, handler) => (ipcHandlers[channel] = handler) },
  Menu: {
    buildFromTemplate: (template) => ({ template }),
    setApplicationMenu: (m) => (menu = m),
  },
  dialog: {
    showErrorBox: (title, content) => record('dialog.showErrorBox', title, content),
    showSaveDialog: async (...args) => {
      record('dialog.showSaveDialog', args.length === 2 ? 'with parent' : 'no parent', args.at(-1));
      return saveAnswer;
    },
  },
  shell: {
    openExternal: (url) => {
      record('shell.openExternal', url);
      return Promise.resolve();
    },
  },
};

const originalLoad = Module._load;
Module._load = function load(request, ...rest) {
  if (request === 'electron') return electron;
  return originalLoad.call(this, request, ...rest);
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));
const out = { scenario };

createRequire(import.meta.url)(resolve(bundle));
out.beforeReady = calls.map((c) => [...c]);
ready = true;
readyResolve();
await settle();

out.calls = calls.map((c) => (c[0] === 'new BrowserWindow' ? [c[0]] : c));
out.windows = windows.length;
if (scenario === 'normal') {
  const win = windows[0];
  out.windowOptions = win.options;
  win.emit('ready-to-show');
  out.shownAfterReady = win.shown;
  out.menuLabels = menu?.template.map((m) => m.label);

  const serve = async (url, method = 'GET') => {
    const res = await protocolHandlers.app(new Request(url, { method }));
    return { status: res.status, csp: res.headers.get('content-security-policy'), body: await res.text() };
  };
  out.protocol = {
    index: await serve('app://workstation/index.html'),
    traversal: await serve('app://workstation/..%2f..%2fpackage.json'),
    post: await serve('app://workstation/index.html', 'POST'),
  };

  const contents = win.webContents;
  const invoke = (frame, channel, input) => ipcHandlers.ipc({ sender: contents, senderFrame: frame }, channel, input);
  const subFrame = { url: 'app://workstation/index.html' };
  // The app starts locked; a new caseload asks for its first passphrase.
  out.lock = {
    status: await invoke(contents.mainFrame, 'session:status', {}),
    beforeSetup: await invoke(contents.mainFrame, 'settings:get', {}),
    setup: await invoke(contents.mainFrame, 'session:setup', { passphrase: 'bundle test passphrase' }),
    powerEvents: [...powerMonitor.listeners.keys()],
  };
  out.ipc = {
    mainFrame: await invoke(contents.mainFrame, 'settings:get', {}),
    subFrame: await invoke(subFrame, 'settings:get', {}),
    goneFrame: await invoke(null, 'settings:get', {}),
    unknown: await invoke(contents.mainFrame, 'shell:exec', {}),
    badInput: await invoke(contents.mainFrame, 'members:get', { id: 'x' }),
  };

  // A packet build pushes packet:progress events through the event sink to the window, and
  // exercises the PDF fonts, which the bundle resolves from its own location.
  const seed = JSON.parse(seedJson);
  if (seed) {
    const created = await invoke(contents.mainFrame, 'members:create', { member: seed.member });
    const paid = created.ok ? await invoke(contents.mainFrame, 'pay:set', { memberId: created.value.id, version: created.value.version, history: seed.history }) : created;
    const packet = paid.ok ? await invoke(contents.mainFrame, 'documents:packet', { memberId: paid.value.id, flatten: false }) : paid;
    out.packet = packet;
    out.events = contents.sent.map(([channel, payload]) => ({ channel, keys: Object.keys(payload ?? {}).sort() }));
    if (packet.ok && typeof packet.value.token === 'string') {
      const token = packet.value.token;
      saveAnswer = { canceled: false, filePath: join(process.env.HOME, 'chosen-name') };
      out.save = await invoke(contents.mainFrame, 'documents:save', { token });
      if (out.save.ok) out.savedHead = readFileSync(out.save.value.path).subarray(0, 5).toString('latin1');
      saveAnswer = { canceled: true };
      out.saveCancelled = await invoke(contents.mainFrame, 'documents:save', { token });

      const before = windows.length;
      printAnswer = [true, ''];
      out.print = await invoke(contents.mainFrame, 'documents:print', { token });
      const printWindow = windows[before];
      out.printWindow = printWindow && {
        options: printWindow.options,
        loaded: printWindow.loaded,
        destroyed: printWindow.isDestroyed(),
        lastUrl: calls.filter((c) => c[0] === 'loadURL').at(-1)[1],
      };
      if (out.printWindow) {
        const ses = partitions.get(printWindow.options.webPreferences.partition);
        out.printWindow.servedAfter = (await ses.protocolHandlers.app(new Request(out.printWindow.lastUrl))).status;
        out.printWindow.sessionSecured = typeof ses.handlers.permissionRequest === 'function' && typeof ses.handlers.beforeRequest === 'function';
      }
      printAnswer = [false, 'cancelled'];
      out.printCancelled = await invoke(contents.mainFrame, 'documents:print', { token });
      printAnswer = [false, 'Print job failed'];
      out.printFailed = await invoke(contents.mainFrame, 'documents:print', { token });
      printAnswer = [false, 'cancelled'];
      // The workstation's own session serves the renderer only, never a print job.
      out.printJobFromMainSession = (await serve(out.printWindow.lastUrl)).status;
    }
  }

  const nav = fakeEvent('https://evil.com/');
  contents.emit('will-navigate', nav);
  const redirect = fakeEvent('https://evil.com/');
  contents.emit('will-redirect', redirect);
  const webview = fakeEvent('');
  contents.emit('will-attach-webview', webview, {}, {});
  out.hardened = {
    navigationPrevented: nav.prevented,
    redirectPrevented: redirect.prevented,
    webviewPrevented: webview.prevented,
    openHelp: contents.windowOpenHandler({ url: 'https://www.mosers.org/forms' }),
    openEvil: contents.windowOpenHandler({ url: 'https://www.mosers.org.evil.com/' }),
  };

  const h = session.defaultSession.handlers;
  let granted = null;
  h.permissionRequest(contents, 'media', (g) => (granted = g), {});
  const blocked = (url) => {
    let cancel = null;
    h.beforeRequest({ url }, (r) => (cancel = r.cancel));
    return cancel;
  };
  out.session = {
    permissionGranted: granted,
    permissionCheck: h.permissionCheck(contents, 'media', 'app://workstation', {}),
    devicePermission: h.devicePermission({}),
    blocksHttps: blocked('https://example.com/'),
    allowsApp: !blocked('app://workstation/assets/x.js'),
  };

  const download = (url, filename) => {
    const ev = fakeEvent(url);
    const item = { getURL: () => url, getFilename: () => filename, setSaveDialogOptions: (o) => (item.dialog = o), dialog: null };
    session.defaultSession.emit('will-download', ev, item, contents);
    return { cancelled: ev.prevented, dialog: item.dialog };
  };
  out.downloads = {
    packet: download('blob:app://workstation/abc', 'Packet.pdf'),
    foreign: download('https://evil.com/x.exe', 'x.exe'),
  };

  const printItem = menu.template.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'print');
  printItem.click();
  const helpItem = menu.template.flatMap((m) => m.submenu ?? []).find((i) => i.id === 'help');
  helpItem.click();

  app.emit('second-instance', {}, [], '/');
  // The screen locks: the caseload locks and the window is told.
  const sentBefore = contents.sent.length;
  powerMonitor.emit('lock-screen');
  out.lock.afterScreenLock = {
    sent: contents.sent.slice(sentBefore),
    answer: await invoke(contents.mainFrame, 'settings:get', {}),
    unlocked: await invoke(contents.mainFrame, 'session:unlock', { passphrase: 'bundle test passphrase' }),
  };
  out.sentBeforeQuit = contents.sent.length;
  app.emit('will-quit');
  out.afterQuit = await invoke(contents.mainFrame, 'settings:get', {});
  out.finalCalls = calls.slice(out.calls.length);
}

process.stdout.write(JSON.stringify(out));
process.exit(0);

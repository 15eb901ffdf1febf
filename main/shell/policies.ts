import { APP_ORIGIN, ownOriginUrl } from './app-protocol';

// The desktop shell's security decisions, without Electron: main/electron/main.ts wires each one
// to its Electron hook, and the tests call the same functions.

/** Who sent an IPC call, as dispatch sees it. */
export type SenderInfo = { url: string; isMainFrame: boolean };

const APP_PREFIX = `${APP_ORIGIN}/`;

/**
 * The only pages the workstation hands to the system browser: MOSERS's own site over https.
 * A URL qualifies when its normalized form starts with one of these exactly (so the trailing
 * slash rules out `www.mosers.org.evil.com` and `www.mosers.org@evil.com`).
 */
export const HELP_ALLOWLIST: readonly string[] = Object.freeze(['https://www.mosers.org/']);

/** What Help opens. */
export const HELP_URL = 'https://www.mosers.org/';

/**
 * Electron's built-in PDF viewer (the packet preview) runs as this internal extension; its
 * resources never touch the network.
 */
const PDF_VIEWER_PREFIX = 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** `app://workstation/…` exactly: no userinfo, no port, no look-alike host. */
function isAppUrl(url: string): boolean {
  return url.startsWith(APP_PREFIX) && ownOriginUrl(url) !== null;
}

/** The IPC sender check: the main frame of a page served from app://workstation/. */
export function isAllowedSender(sender: SenderInfo): boolean {
  return sender.isMainFrame === true && typeof sender.url === 'string' && isAppUrl(sender.url);
}

/**
 * The sender of an `ipcMain.handle` call from Electron's event: `senderFrame` is null once the
 * frame has navigated away or gone, which the check then refuses.
 */
export function senderOf<F extends { url: string }>(senderFrame: F | null | undefined, mainFrame: F | null | undefined): SenderInfo {
  if (!senderFrame) return { url: '', isMainFrame: false };
  return { url: senderFrame.url, isMainFrame: mainFrame != null && senderFrame === mainFrame };
}

/**
 * `will-navigate` and `will-redirect`: the workstation is one page, loaded by main; the page
 * itself never navigates anywhere (links to help open in the system browser instead).
 */
export function shouldAllowNavigation(_url: string): boolean {
  return false;
}

export type WindowOpenDecision = { action: 'deny'; openExternal: false } | { action: 'deny'; openExternal: true; url: string };

/**
 * `setWindowOpenHandler`: no new Electron window ever; an allowlisted https MOSERS page opens
 * in the system browser, given as the normalized URL that was checked.
 */
export function windowOpenDecision(url: string): WindowOpenDecision {
  const u = typeof url === 'string' ? parse(url) : null;
  if (!u || u.protocol !== 'https:' || u.username !== '' || u.password !== '' || u.port !== '') return { action: 'deny', openExternal: false };
  const href = u.href;
  if (!HELP_ALLOWLIST.some((prefix) => href.startsWith(prefix))) return { action: 'deny', openExternal: false };
  return { action: 'deny', openExternal: true, url: href };
}

/** `setPermissionRequestHandler`: the workstation needs no camera, location, notifications… */
export function permissionRequestDecision(_permission: string): boolean {
  return false;
}

/** `setPermissionCheckHandler` and `setDevicePermissionHandler`. */
export function permissionCheckDecision(): boolean {
  return false;
}

/** `will-attach-webview`: the app has no `<webview>`, and none may be added. */
export function attachWebviewDecision(): 'deny' {
  return 'deny';
}

/**
 * `session.webRequest.onBeforeRequest`: the renderer has no network. Only the app's own files,
 * blobs it made itself (the packet preview and download), data: URLs (self-contained), the
 * built-in PDF viewer and DevTools are let through; http(s), ws(s), file:, ftp: and every other
 * scheme are cancelled.
 */
export function shouldBlockRequest(url: string): boolean {
  if (typeof url !== 'string') return true;
  if (isAppUrl(url)) return false;
  if (url.startsWith('blob:')) return !isAppUrl(url.slice('blob:'.length));
  if (url.startsWith('data:')) return false;
  if (url.startsWith('devtools://')) return false;
  if (url.startsWith(PDF_VIEWER_PREFIX)) return false;
  return true;
}

export type DownloadDecision = { allow: false } | { allow: true; defaultFileName: string };

/**
 * `will-download`: only a blob the page made (the packet's "Save PDF…"), offered in a save dialog
 * under a file name with no folder part and no characters Windows or macOS refuse.
 */
export function downloadDecision(url: string, suggestedName: string): DownloadDecision {
  if (typeof url !== 'string' || !url.startsWith('blob:') || !isAppUrl(url.slice('blob:'.length))) return { allow: false };
  return { allow: true, defaultFileName: safeFileName(suggestedName) };
}

export function safeFileName(name: string): string {
  const base = String(name ?? '')
    .split(/[/\\]/)
    .pop()!
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 150);
  const named = base === '' ? 'packet' : base;
  return /\.pdf$/i.test(named) ? named : `${named}.pdf`;
}

import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { contentSecurityPolicy, NONCE_PLACEHOLDER } from './csp';

// The app:// request handler's logic, without Electron: Electron's protocol.handle and the
// preview's page.route both answer with it, so the CSP runs in Chromium in the tests too.

export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export type AppResponse = { status: number; headers: Record<string, string>; body: Buffer };

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};

function notFound(): AppResponse {
  return { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }, body: Buffer.from('Not found') };
}

/**
 * The file under `root` a request path names, or null when it leaves `root` (`..`, encoded
 * traversal, absolute paths, backslashes, NUL) or is not a plain file.
 */
export function containedPath(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\') || /(^|\/)\.\.(\/|$)/.test(decoded)) return null;
  const rel = decoded.replace(/^\/+/, '') || 'index.html';
  const base = resolve(root);
  const full = resolve(base, rel);
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    if (!statSync(full).isFile()) return null;
  } catch {
    return null;
  }
  return full;
}

/** Answer one request for the renderer's files. Only GET; only our own origin. */
export function handleAppRequest(root: string, url: string, method = 'GET', origin = APP_ORIGIN): AppResponse {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return notFound();
  }
  // URL.origin is "null" for custom schemes such as app:, so compare scheme and host.
  if (method !== 'GET' || `${parsed.protocol}//${parsed.host}` !== origin) return notFound();
  const file = containedPath(root, parsed.pathname);
  if (!file) return notFound();
  const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
  let body = readFileSync(file);
  const headers: Record<string, string> = { 'Content-Type': type, 'Cache-Control': 'no-store', ...SECURITY_HEADERS };
  if (type.startsWith('text/html')) {
    const nonce = randomBytes(16).toString('base64');
    body = Buffer.from(body.toString('utf8').replaceAll(NONCE_PLACEHOLDER, nonce), 'utf8');
    headers['Content-Security-Policy'] = contentSecurityPolicy(nonce);
  }
  return { status: 200, headers, body };
}

import { randomBytes } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import { contentSecurityPolicy, NONCE_PLACEHOLDER } from './csp';

// The app:// request handler's logic, without Electron: Electron's protocol.handle and the
// preview's page.route both answer with it, so the CSP runs in Chromium in the tests too.

export const APP_SCHEME = 'app';
export const APP_HOST = 'workstation';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * `url` parsed, when it is of our own origin exactly (`app://workstation` by default: no userinfo,
 * no port, no look-alike host); null otherwise or when it does not parse. URL.origin is "null"
 * for custom schemes such as app:, so scheme and host are compared.
 */
export function ownOriginUrl(url: string, origin: string = APP_ORIGIN): URL | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  return `${u.protocol}//${u.host}` === origin && u.username === '' && u.password === '' ? u : null;
}

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

function within(base: string, full: string): boolean {
  return full === base || full.startsWith(base.endsWith(sep) ? base : base + sep);
}

/**
 * The file under `root` a request path names, or null when it leaves `root` (`..`, encoded
 * traversal, absolute paths, backslashes, NUL, a symbolic link to a file outside) or is not a
 * plain file.
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
  if (!within(base, full)) return null;
  // The lexical check above cannot see links: compare where the file really is.
  let real: string;
  try {
    real = realpathSync(full);
    if (!within(realpathSync(base), real) || !statSync(real).isFile()) return null;
  } catch {
    return null;
  }
  return real;
}

/** Answer one request for the renderer's files. Only GET; only our own origin. */
export function handleAppRequest(root: string, url: string, method = 'GET', origin = APP_ORIGIN): AppResponse {
  const parsed = ownOriginUrl(url, origin);
  if (method !== 'GET' || !parsed) return notFound();
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

/**
 * The pieces of a fetch `Response` for Electron's `protocol.handle`: a body on its own
 * ArrayBuffer (a Buffer may be a view of Node's shared pool) and a plain init object.
 */
export function responseParts(res: AppResponse): { body: Uint8Array<ArrayBuffer>; init: { status: number; headers: Record<string, string> } } {
  const body = new Uint8Array(new ArrayBuffer(res.body.byteLength));
  body.set(res.body);
  return { body, init: { status: res.status, headers: { ...res.headers } } };
}

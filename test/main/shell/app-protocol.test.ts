import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_ORIGIN, containedPath, handleAppRequest, responseParts } from '../../../main/shell/app-protocol';
import { NONCE_PLACEHOLDER } from '../../../main/shell/csp';

// Made at load time: the tables below name paths inside it.
const dir = mkdtempSync(join(tmpdir(), 'app-protocol-'));
const root = join(dir, 'renderer');

beforeAll(() => {
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), `<!doctype html><meta name="csp-nonce" content="${NONCE_PLACEHOLDER}"><title>ok</title>`);
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log("app");');
  writeFileSync(join(root, 'assets', 'font.ttf'), Buffer.from([0, 1, 0, 0]));
  writeFileSync(join(dir, 'secret.txt'), 'caseload secrets');
  mkdirSync(join(dir, 'renderer-evil'));
  writeFileSync(join(dir, 'renderer-evil', 'x.js'), 'evil');
  symlinkSync(join(dir, 'secret.txt'), join(root, 'assets', 'leak.js'));
  symlinkSync(dir, join(root, 'up'));
  symlinkSync(join(root, 'assets', 'app.js'), join(root, 'assets', 'alias.js'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET', origin = APP_ORIGIN) => handleAppRequest(root, url, method, origin);

describe('app:// path containment', () => {
  it.each([
    ['../secret.txt', 'plain ..'],
    ['/../secret.txt', 'leading /..'],
    ['/assets/../../secret.txt', '.. after a folder'],
    ['/..%2fsecret.txt', '..%2f'],
    ['/..%2Fsecret.txt', '..%2F'],
    ['/%2e%2e/secret.txt', '%2e%2e/'],
    ['/%2E%2E%2Fsecret.txt', 'fully encoded'],
    ['/.%2e/secret.txt', 'half encoded'],
    ['/%252e%252e/secret.txt', 'double-encoded %252e%252e'],
    ['/%252e%252e%252fsecret.txt', 'double-encoded with %252f'],
    ['/..\\secret.txt', 'backslash'],
    ['/%5c..%5csecret.txt', 'encoded backslash'],
    ['/assets\\..\\..\\secret.txt', 'backslashes'],
    [`${'/'}${dir}/secret.txt`, 'absolute path'],
    [encodeURIComponent(join(dir, 'secret.txt')), 'encoded absolute path'],
    ['//etc/passwd', 'protocol-relative absolute'],
    ['/C:/Windows/win.ini', 'drive letter'],
    ['/index.html%00.js', 'NUL'],
    ['/index.html\0', 'raw NUL'],
    ['/%E0%A4%A', 'malformed escape'],
    ['/assets/leak.js', 'symlink to a file outside'],
    ['/up/secret.txt', 'symlinked folder leading outside'],
    ['/../renderer-evil/x.js', 'sibling folder sharing the prefix'],
    ['/assets', 'a folder'],
    ['/missing.js', 'a missing file'],
  ])('refuses %s (%s)', (pathname) => {
    expect(containedPath(root, pathname)).toBeNull();
  });

  it('serves files inside the root, a link to a file inside included, and / as index.html', () => {
    expect(containedPath(root, '/assets/app.js')).toBe(join(root, 'assets', 'app.js'));
    expect(containedPath(root, '/assets/alias.js')).toBe(join(root, 'assets', 'app.js'));
    expect(containedPath(root, '/')).toBe(join(root, 'index.html'));
    expect(containedPath(root, '/index.html')).toBe(join(root, 'index.html'));
  });
});

describe('handleAppRequest', () => {
  it.each([
    [`${APP_ORIGIN}/../secret.txt`],
    [`${APP_ORIGIN}/%2e%2e/secret.txt`],
    [`${APP_ORIGIN}/..%2fsecret.txt`],
    [`${APP_ORIGIN}/%252e%252e/secret.txt`],
    [`${APP_ORIGIN}/..%5csecret.txt`],
    [`${APP_ORIGIN}/assets/leak.js`],
    [`${APP_ORIGIN}/up/secret.txt`],
    [`${APP_ORIGIN}/index.html%00`],
    ['app://workstation.evil/index.html'],
    ['app://evil/index.html'],
    ['app://user@workstation/index.html'],
    ['http://workstation/index.html'],
    ['https://app.local/index.html'],
    ['file:///etc/passwd'],
    ['not a url'],
  ])('answers 404 for %s', (url) => {
    const res = get(url);
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('caseload secrets');
  });

  it.each(['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS'])('refuses %s', (method) => {
    expect(get(`${APP_ORIGIN}/index.html`, method).status).toBe(404);
  });

  it('refuses a request for another origin than the one it serves', () => {
    expect(get('http://app.local/index.html').status).toBe(404);
    expect(get('http://app.local/index.html', 'GET', 'http://app.local').status).toBe(200);
  });

  it('serves HTML with the CSP header and the nonce filled in, fresh per response', () => {
    const a = get(`${APP_ORIGIN}/index.html`);
    const b = get(`${APP_ORIGIN}/`);
    expect(a.status).toBe(200);
    expect(a.headers['Content-Type']).toBe('text/html; charset=utf-8');
    const csp = a.headers['Content-Security-Policy']!;
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(a.body.toString()).toContain(`content="${nonce}"`);
    expect(a.body.toString()).not.toContain(NONCE_PLACEHOLDER);
    expect(b.headers['Content-Security-Policy']).not.toBe(csp);
    expect(a.headers['X-Content-Type-Options']).toBe('nosniff');
  });

  it('serves scripts and fonts with their types and no CSP of their own', () => {
    const js = get(`${APP_ORIGIN}/assets/app.js`);
    expect(js.status).toBe(200);
    expect(js.headers['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(js.headers['Content-Security-Policy']).toBeUndefined();
    expect(js.body.toString()).toBe('console.log("app");');
    expect(get(`${APP_ORIGIN}/assets/font.ttf`).headers['Content-Type']).toBe('font/ttf');
  });

  it('a query string or fragment does not change which file is served', () => {
    expect(get(`${APP_ORIGIN}/assets/app.js?v=1#x`).body.toString()).toBe('console.log("app");');
  });
});

describe('responseParts (for protocol.handle)', () => {
  it('copies the body onto its own ArrayBuffer and keeps status and headers', () => {
    const res = get(`${APP_ORIGIN}/assets/app.js`);
    const { body, init } = responseParts(res);
    expect(body.buffer.byteLength).toBe(res.body.byteLength);
    expect(Buffer.from(body).toString()).toBe('console.log("app");');
    expect(init).toEqual({ status: 200, headers: res.headers });
    expect(init.headers).not.toBe(res.headers);
  });

  it('makes a fetch Response that carries the CSP', async () => {
    const { body, init } = responseParts(get(`${APP_ORIGIN}/index.html`));
    const response = new Response(body, init);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await response.text()).toContain('<title>ok</title>');
  });
});

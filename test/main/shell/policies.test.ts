import { describe, expect, it } from 'vitest';
import {
  attachWebviewDecision,
  downloadDecision,
  HELP_ALLOWLIST,
  HELP_URL,
  isAllowedSender,
  permissionCheckDecision,
  permissionRequestDecision,
  safeFileName,
  senderOf,
  shouldAllowNavigation,
  shouldBlockRequest,
  windowOpenDecision,
} from '../../../main/shell/policies';

describe('the IPC sender check', () => {
  it.each([
    [{ url: 'app://workstation/index.html', isMainFrame: true }, true],
    [{ url: 'app://workstation/', isMainFrame: true }, true],
    [{ url: 'app://workstation/index.html#/member/4', isMainFrame: true }, true],
    [{ url: 'app://workstation/index.html', isMainFrame: false }, false],
    [{ url: 'app://workstation.evil/index.html', isMainFrame: true }, false],
    [{ url: 'app://workstationx/index.html', isMainFrame: true }, false],
    [{ url: 'app://evil/index.html', isMainFrame: true }, false],
    [{ url: 'app://user@workstation/index.html', isMainFrame: true }, false],
    [{ url: 'app://workstation:8080/index.html', isMainFrame: true }, false],
    [{ url: 'app://workstation', isMainFrame: true }, false],
    [{ url: 'http://app.local/index.html', isMainFrame: true }, false],
    [{ url: 'https://www.mosers.org/', isMainFrame: true }, false],
    [{ url: 'file:///app/index.html', isMainFrame: true }, false],
    [{ url: 'blob:app://workstation/1234', isMainFrame: true }, false],
    [{ url: 'about:blank', isMainFrame: true }, false],
    [{ url: '', isMainFrame: true }, false],
  ])('%j → %s', (sender, allowed) => {
    expect(isAllowedSender(sender)).toBe(allowed);
  });

  it('refuses a malformed sender instead of throwing', () => {
    expect(isAllowedSender({ url: undefined as unknown as string, isMainFrame: true })).toBe(false);
    expect(isAllowedSender({ url: 'app://workstation/', isMainFrame: 'yes' as unknown as boolean })).toBe(false);
  });

  it('senderOf: the main frame only by identity; a gone frame (null) is nobody', () => {
    const main = { url: 'app://workstation/index.html' };
    const sub = { url: 'app://workstation/index.html' };
    expect(senderOf(main, main)).toEqual({ url: main.url, isMainFrame: true });
    expect(senderOf(sub, main)).toEqual({ url: sub.url, isMainFrame: false });
    expect(senderOf(null, main)).toEqual({ url: '', isMainFrame: false });
    expect(senderOf(main, null)).toEqual({ url: main.url, isMainFrame: false });
    expect(isAllowedSender(senderOf(null, main))).toBe(false);
  });
});

describe('navigation', () => {
  it.each([
    'app://workstation/index.html',
    'app://workstation/other.html',
    'https://www.mosers.org/',
    'http://example.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'chrome://settings',
  ])('is denied for %s (the app is one page)', (url) => {
    expect(shouldAllowNavigation(url)).toBe(false);
  });
});

describe('new windows', () => {
  it('the allowlist is https MOSERS pages with an exact prefix ending in /', () => {
    expect(HELP_ALLOWLIST.length).toBeGreaterThan(0);
    for (const prefix of HELP_ALLOWLIST) expect(prefix).toMatch(/^https:\/\/[a-z0-9.-]+\.mosers\.org\//);
    expect(Object.isFrozen(HELP_ALLOWLIST)).toBe(true);
    expect(windowOpenDecision(HELP_URL)).toEqual({ action: 'deny', openExternal: true, url: HELP_URL });
  });

  it.each([
    ['https://www.mosers.org/', 'https://www.mosers.org/'],
    ['https://www.mosers.org/retirement/forms', 'https://www.mosers.org/retirement/forms'],
    ['https://WWW.MOSERS.ORG/help', 'https://www.mosers.org/help'],
    ['https://www.mosers.org', 'https://www.mosers.org/'],
    ['https://www.mosers.org:443/x', 'https://www.mosers.org/x'],
  ])('%s opens in the system browser as %s', (url, normalized) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternal: true, url: normalized });
  });

  it.each([
    'http://www.mosers.org/',
    'https://www.mosers.org.evil.com/',
    'https://www.mosers.org@evil.com/',
    'https://user:pass@www.mosers.org/',
    'https://evil.com/https://www.mosers.org/',
    'https://evil.com/?u=https://www.mosers.org/',
    'https://mosers.org.evil.com/',
    'https://wwwmosers.org/',
    'https://www.mosers.org:8443/',
    'https://www.mosers.org%2eevil.com/',
    'https://xn--mosers-9ya.org/',
    'javascript:alert(1)',
    'javascript://www.mosers.org/%0aalert(1)',
    'data:text/html,hi',
    'file:///C:/Windows/System32/calc.exe',
    'app://workstation/index.html',
    'about:blank',
    'mailto:help@mosers.org',
    '//www.mosers.org/',
    'www.mosers.org',
    '',
  ])('%s is refused and not opened', (url) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternal: false });
  });

  it('never returns allow', () => {
    for (const url of ['https://www.mosers.org/', 'app://workstation/index.html', 'x']) expect(windowOpenDecision(url).action).toBe('deny');
  });
});

describe('permissions and webviews', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'fullscreen', 'openExternal', 'pointerLock', 'hid', 'serial', 'usb', 'unknown'])(
    'a request for %s is denied',
    (permission) => {
      expect(permissionRequestDecision(permission)).toBe(false);
    },
  );

  it('every permission check is denied', () => {
    expect(permissionCheckDecision()).toBe(false);
  });

  it('attaching a webview is denied', () => {
    expect(attachWebviewDecision()).toBe('deny');
  });
});

describe('renderer network egress (webRequest)', () => {
  it.each([
    ['app://workstation/index.html', false],
    ['app://workstation/assets/index-abc.js', false],
    ['blob:app://workstation/0b7a4a3c-5f1e-4a34-9d0e-1f9b7f0c1a2b', false],
    ['data:image/png;base64,iVBORw0KGgo=', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', false],
    ['https://www.mosers.org/', true],
    ['http://localhost:3000/', true],
    ['http://127.0.0.1/', true],
    ['ws://localhost:8080/', true],
    ['wss://example.com/socket', true],
    ['file:///etc/passwd', true],
    ['ftp://example.com/file', true],
    ['blob:https://evil.com/1234', true],
    ['blob:app://workstation.evil/1234', true],
    ['app://evil/index.html', true],
    ['app://workstation.evil/index.html', true],
    ['chrome-extension://abcdefghijklmnopabcdefghijklmnop/x.js', true],
    ['javascript:alert(1)', true],
    ['gopher://example.com/', true],
    ['', true],
  ])('%s → blocked: %s', (url, blocked) => {
    expect(shouldBlockRequest(url)).toBe(blocked);
  });
});

describe('downloads (Save PDF…)', () => {
  it('offers a blob the page made under a safe file name', () => {
    expect(downloadDecision('blob:app://workstation/1234', 'Packet-Smith-2026-07-01.pdf')).toEqual({ allow: true, defaultFileName: 'Packet-Smith-2026-07-01.pdf' });
  });

  it.each(['https://evil.com/x.pdf', 'blob:https://evil.com/1', 'data:application/pdf;base64,JVBERi0=', 'file:///etc/passwd', 'app://workstation/index.html'])(
    'cancels a download of %s',
    (url) => {
      expect(downloadDecision(url, 'x.pdf')).toEqual({ allow: false });
    },
  );

  it.each([
    ['../../etc/passwd', 'passwd.pdf'],
    ['..\\..\\Windows\\evil.pdf', 'evil.pdf'],
    ['a<b>c:d"e|f?g*h.pdf', 'a_b_c_d_e_f_g_h.pdf'],
    ['packet\u0000.pdf', 'packet_.pdf'],
    ['', 'packet.pdf'],
    ['...', 'packet.pdf'],
    ['estimate', 'estimate.pdf'],
    ['Estimate.PDF', 'Estimate.PDF'],
  ])('safeFileName(%j) = %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });
});

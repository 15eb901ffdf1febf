import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, NONCE_PLACEHOLDER } from '../../../main/shell/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );
}

describe('the renderer CSP', () => {
  const nonce = 'q1w2e3r4t5y6u7i8o9p0aa==';
  const csp = contentSecurityPolicy(nonce);
  const d = directives(csp);

  it("never allows inline scripts or eval", () => {
    expect(csp).not.toContain("'unsafe-inline'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("'wasm-unsafe-eval'");
    expect(csp).not.toContain("'unsafe-hashes'");
  });

  it("denies by default and opens no network: default-src and connect-src 'none'", () => {
    expect(d.get('default-src')).toEqual(["'none'"]);
    expect(d.get('connect-src')).toEqual(["'none'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'none'"]);
    expect(d.get('form-action')).toEqual(["'none'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('scripts come only from the app; styles from the app or with this nonce', () => {
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`]);
  });

  it('no directive names a remote host or scheme', () => {
    for (const [, values] of d) for (const v of values) expect(v).not.toMatch(/^(https?:|wss?:|\*|file:)/);
  });

  it('a different nonce each call shows up, and the placeholder never leaks into the header', () => {
    expect(contentSecurityPolicy('abc')).toContain("'nonce-abc'");
    expect(csp).not.toContain(NONCE_PLACEHOLDER);
  });
});

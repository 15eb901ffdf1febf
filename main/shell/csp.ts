/**
 * The renderer's Content-Security-Policy. Scripts only from the app itself; styles from the app or
 * carrying the per-response nonce (MUI's emotion styles); no network at all; PDFs previewed from
 * blob: URLs made in the page.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'none'",
    "frame-src blob:",
    "object-src 'none'",
    "media-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The placeholder in index.html that each HTML response replaces with its nonce. */
export const NONCE_PLACEHOLDER = '__CSP_NONCE__';

import { Response } from 'express';

/**
 * The setup terminal's Content-Security-Policy (docs/setup-terminal.md#security): scripts, styles
 * and requests only from this origin (no inline script, no eval), nothing may frame the page, and
 * forms never submit anywhere (the page posts with `fetch` to the api only).
 */
export const SETUP_TERMINAL_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every setup-terminal response (the page, its script and style, the session exchange). */
export function setSetupTerminalHeaders(res: Response): void {
  res.setHeader('content-security-policy', SETUP_TERMINAL_CSP);
  res.setHeader('x-frame-options', 'DENY');
  res.setHeader('referrer-policy', 'no-referrer');
  res.setHeader('cache-control', 'no-store');
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('cross-origin-opener-policy', 'same-origin');
  res.setHeader('cross-origin-resource-policy', 'same-origin');
}

// Security headers. A JSON response is never a page: it loads nothing, is never framed and never sniffed as
// another type, and is not readable by other sites' pages. The docs page is a page, with helmet's whole set.
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** The headers of every response but the docs page's. */
export const API_HEADERS: readonly (readonly [string, string])[] = [
  ['Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'"],
  ['Cross-Origin-Resource-Policy', 'same-origin'],
  ['X-Content-Type-Options', 'nosniff'],
  ['X-Frame-Options', 'DENY'],
];

export function setApiHeaders(res: { setHeader(name: string, value: string): unknown }): void {
  for (const [name, value] of API_HEADERS) res.setHeader(name, value);
}

/** helmet's set for the docs page and its assets, replacing the API's. */
export const pageHeaders: RequestHandler = helmet({
  // Plain-HTTP deployments on a LAN must still load /docs; TLS is the proxy's job.
  contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } },
  strictTransportSecurity: false,
});

// Bearer keys and roles: 401 without a known key, 403 with the wrong role.
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.js';

export type Role = 'admin' | 'client';

export interface Principal {
  keyId: number;
  role: Role;
}

/** The principal behind a key's secret, or null for an unknown or revoked key. */
export type KeyLookup = (secret: string) => Principal | null;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

const unauthorized = (detail: string) =>
  new HttpProblem(401, detail, undefined, { 'WWW-Authenticate': 'Bearer realm="qbank"' });

/** Requires a valid key with one of `roles`; the principal is left on `res.locals.principal`. */
export function requireRole(lookup: KeyLookup, ...roles: Role[]): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization');
    if (!header) throw unauthorized('This endpoint needs an API key: send Authorization: Bearer <key>.');
    const match = BEARER.exec(header);
    const principal = match ? lookup(match[1]!) : null;
    if (!principal) throw unauthorized('The API key is not valid.');
    if (!roles.includes(principal.role)) {
      throw new HttpProblem(403, `This endpoint needs the ${roles.join(' or ')} role; your key has the ${principal.role} role.`);
    }
    res.locals.principal = principal;
    next();
  };
}

/** The principal requireRole authenticated for this request. */
export function principalOf(res: { locals: Record<string, unknown> }): Principal {
  return res.locals.principal as Principal;
}

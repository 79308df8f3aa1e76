// Bearer keys and roles: 401 without a known key, 403 with the wrong role.
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

/**
 * The principal behind the request's key if it has one of `roles`: a 401 problem without a known key, a 403 with
 * another role.
 */
export function authorize(lookup: KeyLookup, roles: readonly Role[], header: string | undefined): Principal {
  if (!header) throw unauthorized('This endpoint needs an API key: send Authorization: Bearer <key>.');
  const match = BEARER.exec(header);
  const principal = match ? lookup(match[1]!) : null;
  if (!principal) throw unauthorized('The API key is not valid.');
  if (!roles.includes(principal.role)) {
    throw new HttpProblem(403, `This endpoint needs the ${roles.join(' or ')} role; your key has the ${principal.role} role.`);
  }
  return principal;
}

// The fingerprint of a submission, for idempotency: the same quiz and the same JSON body (whatever the order
// of object keys) give the same hash.
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level; arrays keep their order. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

/** SHA-256 (hex) of the quiz id and the canonical body. */
export function submissionHash(quizId: number, body: unknown): string {
  return createHash('sha256').update(`${quizId}\n${canonicalJson(body)}`, 'utf8').digest('hex');
}

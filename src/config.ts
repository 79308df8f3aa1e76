// Configuration from the environment, validated once at start: a bad value stops the start with a
// one-line message naming the variable.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const port = z.coerce.number().int().min(0).max(65535);
const bytes = z.coerce.number().int().min(1024).max(1024 * 1024 * 1024);

const schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  QBANK_DB: z.string().min(1).default('./data/qbank.db'),
  QBANK_ADMIN_KEY: z
    .string()
    .min(16, 'must be at least 16 characters')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional(),
  QBANK_ITEMS_DIR: z.string().min(1).default(path.join(repoRoot, 'items')),
  QBANK_MAX_IMPORT_BYTES: bytes.default(20 * 1024 * 1024),
  QBANK_MAX_JSON_BYTES: bytes.default(1024 * 1024),
  QBANK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  host: string;
  port: number;
  dbPath: string;
  adminKey: string | undefined;
  itemsDir: string;
  maxImportBytes: number;
  maxJsonBytes: number;
  logLevel: z.infer<typeof schema>['QBANK_LOG_LEVEL'];
}

export class ConfigError extends Error {}

/** The configuration the environment describes; throws ConfigError with a one-line message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "not set", as in most shells' `VAR= command`.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    // Never echo a secret back into logs.
    const shown = name.endsWith('_KEY') ? '' : `=${JSON.stringify(env[name] ?? '')}`;
    throw new ConfigError(`invalid ${name}${shown}: ${issue.message}`);
  }
  const c = parsed.data;
  return {
    host: c.HOST,
    port: c.PORT,
    dbPath: path.resolve(c.QBANK_DB),
    adminKey: c.QBANK_ADMIN_KEY,
    itemsDir: path.resolve(c.QBANK_ITEMS_DIR),
    maxImportBytes: c.QBANK_MAX_IMPORT_BYTES,
    maxJsonBytes: c.QBANK_MAX_JSON_BYTES,
    logLevel: c.QBANK_LOG_LEVEL,
  };
}

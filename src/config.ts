import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { z } from 'zod';

/**
 * Every setting comes from the environment (and an optional `.env`), is parsed once at start-up, and is
 * read from this typed object afterwards. `.env.example` documents each variable; keep the two in step
 * (test/config.test.ts checks that every key here is documented there).
 */

const booleanFromEnv = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .default(fallback ? 'true' : 'false')
    .transform((value) => value === 'true' || value === '1' || value === 'yes');

const integerFromEnv = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ message: `must be a whole number between ${min} and ${max}` })
    .int({ message: `must be a whole number between ${min} and ${max}` })
    .min(min, { message: `must be a whole number between ${min} and ${max}` })
    .max(max, { message: `must be a whole number between ${min} and ${max}` })
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === '' ? undefined : value));

const optionalUrl = (protocols: RegExp, what: string) =>
  optionalText.refine((value) => value === undefined || (URL.canParse(value) && protocols.test(value)), {
    message: `must be ${what}`,
  });

const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const commaList = z.string().default('').transform(splitList);

/** Host names, each exact (`smba.trafficmanager.net`) or a wildcard for subdomains (`*.botframework.com`). */
const HOST_PATTERN = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const hostPatternList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform(splitList)
    .refine((hosts) => hosts.length > 0 && hosts.every((host) => HOST_PATTERN.test(host)), {
      message: 'must be a comma-separated list of host names, each exact or *.domain',
    });

export const ConfigSchema = z.object({
  // --- Server
  PORT: integerFromEnv(3000, 1, 65535),
  HOST: z.string().min(1, { message: 'must be a host name or IP address' }).default('127.0.0.1'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      message: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  TRUST_PROXY: booleanFromEnv(false),
  ALLOWED_ORIGINS: commaList,
  SHUTDOWN_TIMEOUT_MS: integerFromEnv(10_000, 100, 120_000),
  STARTUP_TIMEOUT_S: integerFromEnv(600, 1, 86_400),
  SERVE_DEMO_PAGE: booleanFromEnv(true),
  // Service processes on this machine (node:cluster, sharing the port): `auto` = one per CPU core.
  // Each is an instance as in docs/deployment.md, so more than one needs DATABASE_URL (PGlite is a
  // single-process database). One event loop answers ~400 questions/s at most (docs/performance.md).
  SERVICE_WORKERS: z
    .union([z.literal('auto'), integerFromEnv(1, 1, 64)], {
      message: 'must be auto or a whole number between 1 and 64',
    })
    .default(1)
    .transform((value) => (value === 'auto' ? Math.max(1, availableParallelism()) : value)),
  PRIVACY_URL: optionalUrl(/^https?:/, 'an http(s) URL').default(
    'https://primariaclujnapoca.ro/informatii-publice/protectia-datelor-cu-caracter-personal/',
  ),

  // --- Database
  DATABASE_URL: optionalUrl(/^postgres(ql)?:\/\//, 'a postgres:// or postgresql:// URL'),
  DATABASE_POOL_MAX: integerFromEnv(10, 1, 200),
  DATA_DIR: z.string().min(1, { message: 'must be a directory path' }).default('./data'),

  // --- Knowledge base and retrieval
  KB_DIR: z.string().min(1, { message: 'must be a directory path' }).default('./knowledge-base'),
  KB_INGEST_ON_START: booleanFromEnv(true),
  EMBEDDINGS_PROVIDER: z
    .enum(['hashing', 'openai', 'local'], { message: 'must be one of hashing, openai, local' })
    .default('hashing'),
  EMBEDDINGS_BASE_URL: optionalUrl(/^https?:/, 'an http(s) URL'),
  EMBEDDINGS_MODEL: optionalText,
  EMBEDDINGS_API_KEY: optionalText,
  EMBEDDINGS_DIMENSIONS: integerFromEnv(256, 8, 4096),
  EMBEDDINGS_MODEL_DIR: optionalText,

  // --- Optional LLM (answers are composed from the knowledge base when none is configured)
  LLM_PROVIDER: z.enum(['none', 'openai'], { message: 'must be none or openai' }).default('none'),
  LLM_BASE_URL: optionalUrl(/^https?:/, 'an http(s) URL'),
  LLM_MODEL: optionalText,
  LLM_API_KEY: optionalText,
  LLM_TIMEOUT_MS: integerFromEnv(8_000, 100, 120_000),

  // --- Citizen channels
  API_RATE_LIMIT_PER_MINUTE: integerFromEnv(60, 1, 100_000),
  WS_MAX_CONNECTIONS_PER_IP: integerFromEnv(20, 1, 100_000),
  WS_MESSAGES_PER_MINUTE: integerFromEnv(30, 1, 100_000),
  WS_IP_MESSAGES_PER_MINUTE: integerFromEnv(300, 1, 1_000_000),
  WS_HEARTBEAT_MS: integerFromEnv(30_000, 1_000, 600_000),
  // New conversations per minute on one instance, all addresses together (per address:
  // API_RATE_LIMIT_PER_MINUTE, REST and WebSocket together).
  CONVERSATIONS_PER_MINUTE: integerFromEnv(600, 1, 1_000_000),
  // After this many days without activity a conversation is deleted with its messages (a citizen
  // token stops opening it at the same time); one with an open handoff is kept.
  CONVERSATION_RETENTION_DAYS: integerFromEnv(30, 1, 3_650),

  // --- Bot Framework (off without an app id, unless BOTFRAMEWORK_EMULATOR opens it on loopback)
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TYPE: z
    .enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'], {
      message: 'must be MultiTenant, SingleTenant or UserAssignedMSI',
    })
    .default('MultiTenant'),
  MICROSOFT_APP_TENANT_ID: optionalText,
  // Without credentials /api/messages does not exist, unless this opens it for the Emulator (loopback only).
  BOTFRAMEWORK_EMULATOR: booleanFromEnv(false),
  // With credentials: the hosts an activity's serviceUrl may name (the bot POSTs its answers there).
  BOTFRAMEWORK_SERVICE_HOSTS: hostPatternList('*.botframework.com,smba.trafficmanager.net'),

  // --- Handoff and clerk console
  SESSION_TTL_HOURS: integerFromEnv(12, 1, 24 * 30),
  COOKIE_SECURE: z
    .enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' })
    .default('auto'),
  LOGIN_MAX_ATTEMPTS: integerFromEnv(5, 1, 100),
  LOGIN_LOCK_MINUTES: integerFromEnv(15, 1, 24 * 60),
  HANDOFF_OFFICE_HOURS: z
    .enum(['departments', 'always'], { message: 'must be departments or always' })
    .default('departments'),
  HANDOFF_NO_CLERK_TIMEOUT_S: integerFromEnv(180, 5, 86_400),
  HANDOFF_MAX_CHATS_PER_CLERK: integerFromEnv(5, 1, 100),
  TIMEZONE: z.string().min(1).default('Europe/Bucharest'),
});

export type AppConfig = z.infer<typeof ConfigSchema>;

/** Rules between variables, each reported under the variable to change. */
function crossFieldProblems(config: AppConfig): string[] {
  const problems: string[] = [];
  if (config.SERVICE_WORKERS > 1 && !config.DATABASE_URL) {
    problems.push(
      `SERVICE_WORKERS must be 1 without DATABASE_URL (got ${config.SERVICE_WORKERS}): ` +
        'the embedded database (PGlite) is single-process; set DATABASE_URL to a PostgreSQL server',
    );
  }
  return problems;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a wrong value throws one line naming the variable and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const result = ConfigSchema.safeParse(env);
  if (result.success) {
    const problems = crossFieldProblems(result.data);
    if (problems.length > 0) throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'configuration');
    const raw = env[name];
    const shown = raw === undefined ? '' : ` (got "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}")`;
    return `${name} ${issue.message}${shown}`;
  });
  throw new ConfigError(`Invalid configuration: ${problems.join('; ')}`);
}

/** Reads `.env` into process.env (existing variables win), so local overrides need no shell export. */
export function loadDotEnv(path = '.env'): void {
  if (existsSync(path)) process.loadEnvFile(path);
}

/** A complete config for tests and tools: defaults plus the given overrides. */
export function configWith(overrides: Partial<Record<keyof AppConfig, string>> = {}): AppConfig {
  return loadConfig({ ...overrides } as NodeJS.ProcessEnv);
}

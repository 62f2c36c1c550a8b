import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, loadConfig, loadDotEnv } from '../config.js';
import { AuditLog } from '../handoff/audit-log.js';
import { ClerkAccounts } from '../handoff/clerks/clerk-accounts.js';
import {
  DepartmentIdSchema,
  DisplayNameSchema,
  EmailSchema,
  PasswordSchema,
  RoleSchema,
} from '../handoff/clerks/clerk.js';
import { catalogFromDirectory } from '../handoff/handoff-catalog.js';
import { HandoffError } from '../handoff/handoff-error.js';
import { migrate } from '../storage/migrate.js';
import { openDatabase } from '../storage/open-database.js';

/**
 * `npm run clerk:add -- --email ana@primariaclujnapoca.ro --name Ana --role clerk --departments urbanism,taxe`
 * Creates a console account. The password is asked for on the terminal (typed twice, not echoed), or read
 * from the first line of stdin when piped (`printf '%s\n' "$PASSWORD" | npm run clerk:add -- …`), so it
 * never appears in the shell history or the process list.
 */
const USAGE =
  'usage: npm run clerk:add -- --email <address> --name <display name> [--role clerk|supervisor|admin] --departments <id,id,…>';

const ArgsSchema = z.object({
  email: EmailSchema,
  name: DisplayNameSchema,
  role: RoleSchema.default('clerk'),
  departments: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(DepartmentIdSchema)),
});

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Reads one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const stdin = process.stdin;
    process.stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let value = '';
    const onData = (input: string) => {
      for (const char of input) {
        if (char === '\r' || char === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        }
        if (char === '\u0003') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          reject(new Error('cancelled'));
          return;
        }
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdin();
  const first = await promptHidden('Password (at least 12 characters): ');
  const second = await promptHidden('Repeat the password: ');
  if (first !== second) throw new Error('the two passwords differ');
  return first;
}

try {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      departments: { type: 'string' },
    },
    strict: true,
  });
  const parsed = ArgsSchema.safeParse(values);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--${String(issue.path[0] ?? 'arguments')} ${issue.message}\n${USAGE}`);
  }
  const args = parsed.data;
  if (args.role === 'clerk' && args.departments.length === 0) {
    throw new Error(`a clerk needs at least one department (--departments)\n${USAGE}`);
  }
  const password = PasswordSchema.safeParse(await readPassword());
  if (!password.success) throw new Error(`password ${password.error.issues[0].message}`);

  loadDotEnv();
  const config = loadConfig();
  const catalog = catalogFromDirectory(config.KB_DIR);
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const accounts = new ClerkAccounts(
      database,
      new AuditLog(database),
      (id) => catalog.department(id) !== undefined,
    );
    const clerk = await accounts.create({ ...args, password: password.data }, null);
    console.log(
      `created ${clerk.role} ${clerk.name} <${clerk.email}> in ${clerk.departments.join(', ') || '(no department)'}`,
    );
  } finally {
    await database.close();
  }
} catch (error) {
  const message =
    error instanceof ConfigError || error instanceof HandoffError ? error.message : (error as Error).message;
  console.error(`clerk:add failed: ${message}`);
  process.exit(1);
}

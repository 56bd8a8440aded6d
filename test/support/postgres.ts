import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import pg from 'pg';

/**
 * A throw-away PostgreSQL for tests: `initdb` into a temporary folder, `postgres` on a free
 * loopback port with trust authentication, one server per test file and a fresh database per test.
 * No mock of the database: the stores talk to the real server over TCP.
 *
 * The binaries come from TUGIBOT_PG_BIN (a folder; when set, nowhere else), else PATH, else /usr/lib/postgresql/<newest>/bin
 * (Debian's package). PostgreSQL refuses to run as root, so as root the server runs as `nobody`
 * (setpriv, from util-linux, present on every Debian) in a folder that user owns.
 */

/** The folder holding `initdb` and `postgres`, or undefined when PostgreSQL is not installed. */
export function postgresBinaries(env: NodeJS.ProcessEnv = process.env): string | undefined {
  // When set, TUGIBOT_PG_BIN alone decides (set it to an empty folder to run as on a machine without PostgreSQL).
  if (env.TUGIBOT_PG_BIN) return hasServer(env.TUGIBOT_PG_BIN) ? env.TUGIBOT_PG_BIN : undefined;
  const candidates: string[] = [];
  candidates.push(...(env.PATH ?? '').split(delimiter).filter(Boolean));
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => join(debian, version, 'bin')));
  }
  return candidates.find(hasServer);
}

function hasServer(dir: string): boolean {
  return existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'));
}

const UNPRIVILEGED = { uid: 65534, gid: 65534 };

/** The command line that runs `binary` as an unprivileged user when the tests run as root. */
function asServerUser(binary: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [binary, args];
  return ['setpriv', [`--reuid=${UNPRIVILEGED.uid}`, `--regid=${UNPRIVILEGED.gid}`, '--clear-groups', binary, ...args]];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface PgServer {
  port: number;
  /** The address of database `name` on this server. */
  url(name?: string): string;
  /** Creates an empty database and returns its address. */
  freshDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let created = 0;

/** Starts a server; the caller stops it (see `describeWithPostgres`). */
export async function startPostgres(bin = postgresBinaries()): Promise<PgServer> {
  if (!bin) throw new Error(MISSING);
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-pg-'));
  if (process.getuid?.() === 0) chownSync(dir, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  const data = join(dir, 'data');
  const [initCmd, initArgs] = asServerUser(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const init = spawnSync(initCmd, initArgs, { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error?.message}`);
  const port = await freePort();
  const [cmd, args] = asServerUser(join(bin, 'postgres'), [
    '-D', data, '-k', dir, '-p', String(port), '-h', '127.0.0.1', '-F',
    '-c', 'full_page_writes=off', '-c', 'max_connections=300', '-c', 'shared_buffers=32MB',
  ]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { log += chunk.toString(); });
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const url = (name = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${name}`;
  await waitReady(url(), child, () => log);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    await stopServer(child);
    rmSync(dir, { recursive: true, force: true });
  };
  return {
    port,
    url,
    async freshDatabase() {
      created += 1;
      const name = `t_${process.pid}_${created}`;
      const admin = new pg.Client({ connectionString: url() });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop,
  };
}

async function waitReady(url: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited (${child.exitCode}):\n${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (Date.now() > deadline) throw new Error(`postgres did not accept connections in 30 s: ${(error as Error).message}\n${log()}`, { cause: error });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT'); // fast shutdown: disconnects clients, no checkpoint wait for a throw-away cluster
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const MISSING = 'PostgreSQL is not installed (no initdb/postgres in TUGIBOT_PG_BIN, PATH or /usr/lib/postgresql/*/bin): '
  + 'install Debian\'s postgresql package, or set TUGIBOT_PG_BIN to the folder holding initdb and postgres.';

/**
 * A describe block with a server for the whole file (`server()` inside tests and hooks). Without
 * PostgreSQL the block is skipped with a visible message, so `npm test` on a machine without a
 * database runs everything else; under CI (CI=true) a missing PostgreSQL fails instead.
 */
export function describeWithPostgres(name: string, body: (server: () => PgServer) => void): void {
  const bin = postgresBinaries();
  if (!bin) {
    if (process.env.CI === 'true') {
      describe(name, () => { it('needs PostgreSQL in CI', () => { throw new Error(MISSING); }); });
    } else {
      console.warn(`SKIPPED "${name}": ${MISSING}`);
      describe.skip(name, () => body(() => { throw new Error(MISSING); }));
    }
    return;
  }
  describe(name, () => {
    let current: PgServer | undefined;
    beforeAll(async () => { current = await startPostgres(bin); }, 60_000);
    afterAll(async () => { await current?.stop(); });
    body(() => {
      if (!current) throw new Error('the PostgreSQL server did not start (see beforeAll)');
      return current;
    });
  });
}

// A throwaway PostgreSQL cluster for the test suite and the benchmarks: initdb in a temporary
// folder, a server on loopback at a free port of its own, one database, stopped and removed at
// the end. It uses the server binaries of Debian's `postgresql` package (.ci/run installs it).
// initdb refuses to run as root: as root, the cluster runs as the `postgres` user.
//
//   node scripts/postgres.ts start    prints STORYLINE_TEST_DATABASE_URL=… and STORYLINE_PG_CLUSTER=… lines
//   node scripts/postgres.ts stop DIR stops the cluster started in DIR and removes it
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  url: string;
  dir: string;
  stop(): void;
}

/** The folder of initdb, pg_ctl and postgres (the newest installed version), or undefined. */
export function serverBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] && join(root, versions[0], 'bin');
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Runs a server binary, as `postgres` when we are root. */
function run(bin: string, args: string[]): void {
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout || String(r.error)).trim()}`);
}

/** A new folder for a server's files, owned by the user the server runs as, private to it. */
function serverDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  return dir;
}

/**
 * Starts a cluster. `durable`: keep PostgreSQL's defaults (fsync, synchronous commit), as the
 * benchmarks want; the tests run without them (the server is never the process killed).
 */
export async function startCluster(opts: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = serverBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries (apt-get install postgresql)');
  const dir = serverDir('storyline-pg-');
  const data = join(dir, 'data');
  // C collation: text sorts by code point, as in SQLite, so ties ordered by text come out alike.
  run(join(bin, 'initdb'), ['-D', data, '-U', 'storyline', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync']);
  const port = await freePort();
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `port=${port}`, '-c', `unix_socket_directories=${dir}`, '-c', 'max_connections=200'];
  if (!opts.durable) settings.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  const stop = (): void => stopCluster(dir);
  try {
    run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'storyline', 'storyline']);
  } catch (e) {
    stop();
    throw e;
  }
  return { url: `postgres://storyline@127.0.0.1:${port}/storyline`, dir, stop };
}

/** Starts a read replica of `primary`: a hot standby made by pg_basebackup, following the
 * primary by streaming replication (the deployment docs/storage.md describes for `serve`). */
export async function startReplica(primary: Cluster): Promise<Cluster> {
  const bin = serverBinaries();
  if (!bin) throw new Error('no PostgreSQL server binaries (apt-get install postgresql)');
  const from = new URL(primary.url);
  const dir = serverDir('storyline-pg-replica-');
  const data = join(dir, 'data');
  run(join(bin, 'pg_basebackup'), ['-h', from.hostname, '-p', from.port, '-U', from.username, '-D', data, '-R', '-X', 'stream', '--checkpoint=fast', '--no-sync']);
  const port = await freePort();
  const settings = ['-c', 'listen_addresses=127.0.0.1', '-c', `port=${port}`, '-c', `unix_socket_directories=${dir}`, '-c', 'hot_standby=on', '-c', 'max_connections=200'];
  run(join(bin, 'pg_ctl'), ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', '-o', settings.join(' '), 'start']);
  return { url: `postgres://storyline@127.0.0.1:${port}${from.pathname}`, dir, stop: () => stopCluster(dir) };
}

export function stopCluster(dir: string): void {
  const bin = serverBinaries();
  const data = join(dir, 'data');
  if (bin && existsSync(join(data, 'postmaster.pid'))) {
    try {
      run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop']);
    } catch (e) {
      process.stderr.write(`${(e as Error).message}\n`);
    }
  }
  rmSync(dir, { recursive: true, force: true });
}

if (import.meta.main) {
  const [cmd, arg] = process.argv.slice(2);
  if (cmd === 'start') {
    const c = await startCluster({ durable: arg === '--durable' });
    process.stdout.write(`STORYLINE_TEST_DATABASE_URL=${c.url}\nSTORYLINE_PG_CLUSTER=${c.dir}\n`);
  } else if (cmd === 'stop' && arg) {
    stopCluster(arg);
  } else if (cmd === 'log' && arg) {
    process.stdout.write(readFileSync(join(arg, 'server.log'), 'utf8'));
  } else {
    process.stderr.write('usage: node scripts/postgres.ts start [--durable] | stop DIR | log DIR\n');
    process.exit(2);
  }
}

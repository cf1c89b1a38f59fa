// npm test: the whole suite on SQLite, then the whole suite again on PostgreSQL.
//
// The PostgreSQL pass uses STORYLINE_TEST_DATABASE_URL when it is set (.ci/run starts a
// throwaway cluster and sets it), else starts a throwaway cluster itself when the server binaries
// are installed (scripts/postgres.ts). Each store the tests open (a SQLite file name) becomes a
// schema of its own in that database (config pgSchemaPerDb), so the tests run unchanged.
// Without a server the pass is skipped and says why; in CI (CI=true) that is a failure.
//
//   node scripts/test.ts [--sqlite | --postgres] [test files…]
import { spawn } from 'node:child_process';
import { startCluster, serverBinaries, type Cluster } from './postgres.ts';

const args = process.argv.slice(2);
const only = args.find((a) => a === '--sqlite' || a === '--postgres');
const files = args.filter((a) => !a.startsWith('--'));
const ci = /^(1|true|yes)$/i.test(process.env.CI ?? '');

interface Tally {
  pass: number;
  fail: number;
  skipped: number;
}

/** Runs node --test with extra environment, passing its output through and counting its summary. */
function runSuite(label: string, env: Record<string, string | undefined>): Promise<Tally & { code: number }> {
  process.stdout.write(`\n== ${label}\n`);
  const child = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=2', ...(files.length ? files : ['test/**/*.test.ts'])], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const tally: Tally = { pass: 0, fail: 0, skipped: 0 };
  let rest = '';
  child.stdout.on('data', (b: Buffer) => {
    process.stdout.write(b);
    const lines = (rest + b.toString('utf8')).split('\n');
    rest = lines.pop()!;
    for (const line of lines) {
      const m = /^ℹ (pass|fail|skipped) (\d+)$/.exec(line.trim());
      if (m) tally[m[1] as keyof Tally] = Number(m[2]);
    }
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ ...tally, code: code ?? 1 })));
}

const results: Array<Tally & { code: number; label: string }> = [];
let skippedPass: string | undefined;

if (only !== '--postgres') results.push({ label: 'SQLite', ...(await runSuite('SQLite', { STORYLINE_DATABASE_URL: undefined })) });

if (only !== '--sqlite') {
  let url = process.env.STORYLINE_TEST_DATABASE_URL;
  let cluster: Cluster | undefined;
  let why: string | undefined;
  if (!url) {
    if (serverBinaries()) {
      try {
        cluster = await startCluster();
        url = cluster.url;
      } catch (e) {
        why = `a throwaway cluster could not start: ${(e as Error).message}`;
      }
    } else why = 'no server: STORYLINE_TEST_DATABASE_URL is not set and PostgreSQL server binaries are not installed (apt-get install postgresql)';
  }
  if (url) {
    const stop = (): void => cluster?.stop();
    process.on('SIGINT', () => {
      stop();
      process.exit(130);
    });
    try {
      results.push({ label: 'PostgreSQL', ...(await runSuite(`PostgreSQL (${url.replace(/:[^:@/]*@/, ':***@')})`, { STORYLINE_DATABASE_URL: url, STORYLINE_PG_SCHEMA_PER_DB: '1' })) });
    } finally {
      stop();
    }
  } else skippedPass = why;
}

process.stdout.write('\n== summary\n');
for (const r of results) process.stdout.write(`${r.label}: ${r.pass} passed, ${r.fail} failed, ${r.skipped} skipped${r.code && !r.fail ? ` (exit ${r.code})` : ''}\n`);
let failed = results.some((r) => r.code !== 0);
if (skippedPass) {
  if (ci) {
    process.stdout.write(`PostgreSQL: FAILED, the pass could not run in CI: ${skippedPass}\n`);
    failed = true;
  } else process.stdout.write(`PostgreSQL: SKIPPED, ${skippedPass}\n`);
}
const total = results.reduce((t, r) => ({ pass: t.pass + r.pass, fail: t.fail + r.fail + (r.code && !r.fail ? 1 : 0), skipped: t.skipped + r.skipped }), { pass: 0, fail: skippedPass && ci ? 1 : 0, skipped: 0 });
process.stdout.write(`${total.pass} passed, ${total.fail} failed, ${total.skipped} skipped\n`);
process.exitCode = failed ? 1 : 0;

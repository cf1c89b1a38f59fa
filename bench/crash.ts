// Crash benchmark (`npm run bench crash`, or `node bench/crash.ts [--docs=5000] [--kills=20]`):
// `storyline ingest` of 5,000 record files (the generated news stream) killed with SIGKILL at
// random points, 20 times, on each backend; after every restart the store must hold each input
// exactly once, no half-written article, document frequencies and story sizes equal to a full
// recount, and pass the engine's integrity check (src/pipeline/verify.ts). Then a last run
// finishes and all 5,000 must be there once. PostgreSQL runs on a throwaway cluster (durable
// settings) unless STORYLINE_DATABASE_URL is set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverBinaries, startCluster, type Cluster } from '../scripts/postgres.ts';
import { crashIngest, writeCorpus } from '../test/support/writers.ts';

const arg = (name: string, dflt: number): number => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt);

export async function runCrashBench(log: (l: string) => void, docs = arg('docs', 5000), kills = arg('kills', 20)): Promise<boolean> {
  const dir = mkdtempSync(join(tmpdir(), 'storyline-crash-'));
  const corpus = join(dir, 'corpus');
  const expected = new Set(writeCorpus(corpus, docs, 29));
  let cluster: Cluster | undefined;
  let ok = true;
  log(`${docs} record files, chunks of 64, ${kills} kills per backend (SIGKILL at a random time, or once a random share of what is left is stored and 0–250 ms more)\n`);
  log('| backend | kills mid-ingest | stored at the kills (min–max) | rounds with a problem | after the last run | seconds |');
  log('|---|---:|---|---:|---|---:|');
  try {
    for (const backend of ['sqlite', 'postgres'] as const) {
      if (backend === 'postgres') {
        if (!process.env.STORYLINE_DATABASE_URL) {
          if (!serverBinaries()) {
            log('| PostgreSQL | skipped: no server binaries (apt-get install postgresql) | | | | |');
            continue;
          }
          cluster = await startCluster({ durable: true });
          process.env.STORYLINE_DATABASE_URL = cluster.url;
        }
        process.env.STORYLINE_PG_SCHEMA_PER_DB = '1';
      }
      const started = performance.now();
      const { rounds, final } = await crashIngest({
        dir: corpus,
        db: join(dir, `${backend}.db`),
        expected,
        kills,
        seed: 41,
        // Chunks of 64 rather than 256: 78 chunks in 5,000 documents, room for 20 kills that each
        // find the ingest under way.
        env: { STORYLINE_INGEST_CHUNK: '64' },
        onRound: (r, i) => process.stderr.write(`  ${backend} kill ${i + 1}: at ${r.killedAt} stored → ${r.stored} after restart, ${r.problems.length ? r.problems.join('; ') : 'ok'}\n`),
      });
      const mid = rounds.filter((r) => !r.finished);
      const bad = rounds.filter((r) => r.problems.length);
      const at = mid.map((r) => r.stored);
      ok &&= !bad.length && !final.problems.length && final.stored === docs;
      log(
        `| ${backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${mid.length} of ${kills} | ${at.length ? `${Math.min(...at)}–${Math.max(...at)}` : '–'} | ${bad.length} | ${final.stored} of ${docs} stored once, ${final.problems.length ? final.problems.join('; ') : 'every check ok'} | ${((performance.now() - started) / 1000).toFixed(0)} |`,
      );
      for (const r of bad) log(`  problem after a kill at ${r.killedAt}: ${r.problems.join('; ')}`);
    }
  } finally {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return ok;
}

if (import.meta.main) process.exitCode = (await runCrashBench(console.log)) ? 0 : 1;

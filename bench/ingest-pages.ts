// Whole-process speed on real pages: `storyline ingest` of the extraction-dev pages (a fresh
// database each time) against Readability.js over linkedom on the same files
// (bench/readability-run.ts), each a separate process timed from spawn to exit, alternated over
// several rounds; the medians and their ratio are what to compare. Also times `storyline --help`
// (start-up alone). The pages are copied to a temporary folder (flat, NNN.html) and deleted after.
// Run: node bench/ingest-pages.ts [--rounds N] [--set extraction-dev|extraction-snippets-dev|both] [--baseline DIR] [--export]
// --baseline DIR also times DIR/bin/storyline (an earlier checkout of the project) in the same rounds.
// --export also times `storyline export` of each fresh database right after its ingest (the analysis
// of what ingest queued runs there since #18): the whole job from files to an analysed export.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSharedDir } from '../eval/harness.ts';

const argv = process.argv.slice(2);
const arg = (name: string, dflt: string): string => (argv.includes(name) ? argv[argv.indexOf(name) + 1] ?? dflt : dflt);
const rounds = Math.max(1, Number(arg('--rounds', '5')));
const set = arg('--set', 'extraction-dev');
const root = join(import.meta.dirname, '..');
const node = process.execPath;
const sets = set === 'both' ? ['extraction-dev', 'extraction-snippets-dev'] : [set];
const baseline = argv.includes('--baseline') ? argv[argv.indexOf('--baseline') + 1] : undefined;
const withExport = argv.includes('--export');

const work = mkdtempSync(join(tmpdir(), 'storyline-pages-'));
const pages = join(work, 'pages');
try {
  let n = 0;
  for (const s of sets) {
    const dir = join(defaultSharedDir(), 'eval', s);
    if (!existsSync(dir)) {
      console.log(`bench/ingest-pages: skipped (${dir} absent)`);
      process.exit(0);
    }
    for (const c of readdirSync(dir).sort()) {
      const f = join(dir, c, 'source.html');
      if (!existsSync(f)) continue;
      if (n === 0) spawnSync('mkdir', ['-p', pages]);
      copyFileSync(f, join(pages, `${String(n++).padStart(4, '0')}.html`));
    }
  }
  // Wall time from spawn to exit; CPU time (user + system, every thread) through /usr/bin/time
  // when it is there: steadier than wall time on a shared machine.
  const gnuTime = existsSync('/usr/bin/time');
  const cpu = new Map<string, number[]>();
  const time = (cmd: string[], tag = ''): number => {
    const argv = gnuTime ? ['/usr/bin/time', '-f', 'CPU %U %S', ...cmd] : cmd;
    const t0 = process.hrtime.bigint();
    const r = spawnSync(argv[0]!, argv.slice(1), { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (r.status !== 0) throw new Error(`${cmd.join(' ')} exited ${r.status}: ${r.stderr.slice(-500)}`);
    const m = /CPU ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
    if (m && tag) cpu.set(tag, [...(cpu.get(tag) ?? []), +m[1]! + +m[2]!]);
    return s;
  };
  const ours: number[] = [];
  const rd: number[] = [];
  const help: number[] = [];
  let k = 0;
  // Ingest, then export, of each tree: wall seconds of each (CPU seconds under `${tag}-export`).
  const exports = new Map<string, number[]>();
  const ingest = (tree = root, tag = 'ours'): number => {
    const db = join(work, `run${k++}.db`);
    const s = time([join(tree, 'bin', 'storyline'), 'ingest', pages, '--db', db], tag);
    if (withExport) exports.set(tag, [...(exports.get(tag) ?? []), time([join(tree, 'bin', 'storyline'), 'export', '--db', db], `${tag}-export`)]);
    rmSync(db, { force: true });
    rmSync(`${db}-wal`, { force: true });
    rmSync(`${db}-shm`, { force: true });
    return s;
  };
  // One untimed run of each first: the file cache and the compile cache of Node.
  ingest();
  time([node, join(root, 'bench', 'readability-run.ts'), pages]);
  const base: number[] = [];
  if (baseline) ingest(baseline, 'base');
  // The untimed runs count in no median.
  cpu.clear();
  exports.clear();
  for (let r = 0; r < rounds; r++) {
    if (baseline) base.push(ingest(baseline, 'base'));
    // Alternated, and the order swapped every round, so that drift on a shared machine falls on both.
    if (r % 2 === 0) {
      ours.push(ingest());
      rd.push(time([node, join(root, 'bench', 'readability-run.ts'), pages], 'rd'));
    } else {
      rd.push(time([node, join(root, 'bench', 'readability-run.ts'), pages], 'rd'));
      ours.push(ingest());
    }
    help.push(time([join(root, 'bin', 'storyline'), '--help']));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const fmt = (xs: number[]): string => xs.map((x) => x.toFixed(2)).join(' ');
  console.log(`${n} pages (${sets.join(' + ')}), ${rounds} rounds, Node ${process.version}`);
  console.log(`storyline ingest:          median ${median(ours).toFixed(2)} s  (${fmt(ours)})`);
  console.log(`Readability over linkedom: median ${median(rd).toFixed(2)} s  (${fmt(rd)})`);
  if (baseline) console.log(`baseline ingest (${baseline}): median ${median(base).toFixed(2)} s  (${fmt(base)})${cpu.has('base') ? `, CPU median ${median(cpu.get('base')!).toFixed(2)}` : ''}`);
  console.log(`storyline --help:          median ${median(help).toFixed(3)} s  (${fmt(help)})`);
  if (cpu.has('ours') && cpu.has('rd')) console.log(`CPU seconds (all threads): ingest median ${median(cpu.get('ours')!).toFixed(2)} (${fmt(cpu.get('ours')!)}), Readability median ${median(cpu.get('rd')!).toFixed(2)} (${fmt(cpu.get('rd')!)})`);
  if (withExport)
    for (const [tag, xs] of exports) {
      const ing = tag === 'ours' ? ours : base;
      const whole = xs.map((x, i) => x + ing[i]!);
      console.log(`${tag === 'ours' ? 'storyline' : 'baseline'} export after ingest: median ${median(xs).toFixed(2)} s (${fmt(xs)}); ingest + export median ${median(whole).toFixed(2)} s, ratio to Readability ${(median(whole) / median(rd)).toFixed(2)}; export CPU median ${median(cpu.get(`${tag}-export`) ?? [0]).toFixed(2)}`);
    }
  console.log('');
  console.log('| pages | storyline ingest (s) | Readability+linkedom (s) | ratio | storyline --help (s) |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  console.log(`| ${n} | ${median(ours).toFixed(2)} | ${median(rd).toFixed(2)} | **${(median(ours) / median(rd)).toFixed(2)}** | ${median(help).toFixed(3)} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

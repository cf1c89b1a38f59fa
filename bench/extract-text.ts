// CPU per article of the worker side of ingest — src/pipeline/jobs.ts: `prepareJob` (decode, clean,
// cut into lines, hash the short ones for the site statistics) then `extractJob` (extraction,
// clutter removal, repair, normalisation, language, MinHash signature, term counts) — run inline,
// one thread, no store. Inputs: the generated variations of bench/generate.ts (what
// `npm run bench ingest` feeds), demo/corpus, every fixtures/*/*/input.*, ../shared/seeds if
// present; with --eval also the pages of ../shared/eval/extraction-dev and extraction-snippets-dev
// (as HTML, and extraction-dev's gold title and text as plain text: real-world text in many
// languages, which the generated variations are not).
//
// The site statistics are emulated in memory: inputs are grouped by site (the generated ones by
// thousands, as bench/ingest.ts writes them into folders), and a short line counts as recurring
// when another document of its site has it too — what the store answers in src/pipeline/ingest.ts. It
// is computed untimed; the timed passes then run prepare and extract in chunks of 128 inputs, as
// one worker does in ingest.
//
// Run: ./node_modules/.bin/node bench/extract-text.ts [options]
//   --count N        generated variations (default 10000)
//   --rounds R       timed rounds; the minimum is reported (default 3; 0 to only dump)
//   --eval           add the ../shared/eval extraction pages
//   --dump FILE      write every output (line keys, article, signature, terms) as JSON lines, to
//                    prove a change leaves output byte-identical (compare two dumps with cmp)
//   --baseline DIR   also time DIR/src/pipeline/jobs.ts (a copy of an older src/, with a
//                    node_modules link and package.json) in the same process, rounds alternating,
//                    so both versions see the same machine noise. For example:
//                      mkdir /tmp/before && git archive HEAD src package.json | tar -x -C /tmp/before
//                      ln -s "$PWD/node_modules" /tmp/before/node_modules
// Timings: process CPU (process.cpuUsage: this thread plus the GC and compiler threads that serve
// it) per input, prepare and extract separately; wall time alongside.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readInputs, sha256 } from '../src/sources/files.ts';
import type { RawInput } from '../src/types.ts';
import { variations } from './generate.ts';

type Jobs = typeof import('../src/pipeline/jobs.ts');

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const count = Number(opt('--count') ?? 10000);
const rounds = Math.max(0, Number(opt('--rounds') ?? 3)); // 0: dump only
const dumpFile = opt('--dump');
const baselineDir = opt('--baseline');
const withEval = argv.includes('--eval');

const root = resolve(import.meta.dirname, '..');
const shared = resolve(root, '..', 'shared');

// ---- inputs -------------------------------------------------------------------------------

async function fileInputs(paths: string[]): Promise<RawInput[]> {
  const out: RawInput[] = [];
  for (const p of paths) for (const r of await readInputs(p, { maxBytes: 64 * 2 ** 20 })) if ('bytes' in r) out.push(r);
  return out;
}

const filesIn = (dir: string, keep: (name: string) => boolean = () => true): string[] =>
  existsSync(dir) && statSync(dir).isDirectory() ? readdirSync(dir).filter((f) => !f.startsWith('.') && keep(f)).sort().map((f) => join(dir, f)) : [];

async function loadInputs(): Promise<{ name: string; inputs: RawInput[] }[]> {
  const sets: { name: string; inputs: RawInput[] }[] = [];
  const generated: RawInput[] = [];
  let n = 0;
  for (const text of variations(count)) {
    const bytes = new TextEncoder().encode(text);
    generated.push({ input: `generated/${n}.txt`, kind: 'text', bytes, contentHash: sha256(bytes), siteKey: `dir:generated/${Math.floor(n / 1000)}` });
    n++;
  }
  sets.push({ name: 'generated', inputs: generated });
  sets.push({ name: 'demo', inputs: await fileInputs(filesIn(join(root, 'demo', 'corpus'))) });
  const fixtures = filesIn(join(root, 'fixtures')).flatMap((stage) => filesIn(stage).flatMap((c) => filesIn(c, (f) => f.startsWith('input.'))));
  sets.push({ name: 'fixtures', inputs: await fileInputs(fixtures) });
  sets.push({ name: 'seeds', inputs: await fileInputs(filesIn(join(shared, 'seeds'))) });
  if (withEval) {
    const pages: RawInput[] = [];
    const gold: RawInput[] = [];
    for (const set of ['extraction-dev', 'extraction-snippets-dev']) {
      for (const c of filesIn(join(shared, 'eval', set))) {
        const html = join(c, 'source.html');
        if (existsSync(html)) pages.push(...(await fileInputs([html])));
        const expected = join(c, 'expected.json');
        if (set !== 'extraction-dev' || !existsSync(expected)) continue;
        const e = JSON.parse(readFileSync(expected, 'utf8')) as { title?: string; text?: string };
        if (!e.text) continue;
        const bytes = new TextEncoder().encode(`${e.title ?? ''}\n\n${e.text}`);
        gold.push({ input: `${c}#gold.txt`, kind: 'text', bytes, contentHash: sha256(bytes), siteKey: 'dir:extraction-dev-gold' });
      }
    }
    sets.push({ name: 'eval-html', inputs: pages }, { name: 'eval-gold-text', inputs: gold });
  }
  return sets.filter((s) => s.inputs.length);
}

// ---- the job, as the pipeline runs it -----------------------------------------------------

/** Which of each document's line hashes another document of its site also has. */
function recurringSets(raws: RawInput[], keys: Array<{ docKey: string; hashes: string[] } | undefined>): Array<Set<string>> {
  const docsOf = new Map<string, Map<string, Set<string>>>(); // site → hash → docKeys
  raws.forEach((raw, i) => {
    const k = keys[i];
    if (!k) return;
    let site = docsOf.get(raw.siteKey);
    if (!site) docsOf.set(raw.siteKey, (site = new Map()));
    for (const h of k.hashes) {
      let docs = site.get(h);
      if (!docs) site.set(h, (docs = new Set()));
      docs.add(k.docKey);
    }
  });
  return raws.map((raw, i) => {
    const out = new Set<string>();
    const k = keys[i];
    if (!k) return out;
    const site = docsOf.get(raw.siteKey)!;
    for (const h of k.hashes) for (const d of site.get(h)!) if (d !== k.docKey) out.add(h);
    return out;
  });
}

interface RunResult {
  prepareCpu: number;
  extractCpu: number;
  wall: number;
  lines?: string[];
}

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Inputs a worker holds at once in ingest: a chunk (config ingestChunk, 256) over two workers. */
const CHUNK = 128;

function run(jobs: Jobs, inputs: RawInput[], dump: boolean): RunResult {
  // The site statistics, untimed (the store's part in ingest), from a prepare pass of their own.
  const recurring = recurringSets(inputs, inputs.map((r) => jobs.prepareJob({ ...r })));
  const result: RunResult = { prepareCpu: 0, extractCpu: 0, wall: 0, lines: dump ? [] : undefined };
  for (let from = 0; from < inputs.length; from += CHUNK) {
    // Fresh objects: the prepared text is cached per input object (a WeakMap), as in one ingest.
    const raws = inputs.slice(from, from + CHUNK).map((r) => ({ ...r }));
    const w0 = performance.now();
    const c0 = cpuMs();
    const keys = raws.map((r) => jobs.prepareJob(r));
    const c1 = cpuMs();
    const outcomes = raws.map((r, i) => jobs.extractJob(r, recurring[from + i]!));
    const c2 = cpuMs();
    result.wall += performance.now() - w0;
    result.prepareCpu += c1 - c0;
    result.extractCpu += c2 - c1;
    if (dump)
      raws.forEach((r, i) => {
        const o = outcomes[i]!;
        const outcome = 'error' in o ? o : { article: o.article, signature: [...o.signature], terms: o.terms };
        result.lines!.push(JSON.stringify({ input: r.input, keys: keys[i], recurring: [...recurring[from + i]!].sort(), outcome }));
      });
  }
  return result;
}

// ---- main ---------------------------------------------------------------------------------

const current = (await import('../src/pipeline/jobs.ts')) as Jobs;
const versions: Array<{ label: string; jobs: Jobs }> = [{ label: 'current', jobs: current }];
if (baselineDir) versions.unshift({ label: 'baseline', jobs: (await import(pathToFileURL(join(resolve(baselineDir), 'src', 'pipeline', 'jobs.ts')).href)) as Jobs });

const sets = await loadInputs();
const total = sets.reduce((s, x) => s + x.inputs.length, 0);
console.log(`bench/extract-text: ${sets.map((s) => `${s.name} ${s.inputs.length}`).join(', ')} (${total} inputs); ${rounds} round(s); Node ${process.version}`);

if (dumpFile) {
  const lines = sets.flatMap((s) => run(current, s.inputs, true).lines!);
  writeFileSync(dumpFile, `${lines.join('\n')}\n`);
  console.log(`dump: ${lines.length} outputs → ${dumpFile} (sha256 ${sha256(readFileSync(dumpFile))})`);
}

if (rounds) {
  // Warm-up (JIT, regex compilation, Intl data) on a slice of every set, for every version.
  for (const v of versions) for (const s of sets) run(v.jobs, s.inputs.slice(0, 200), false);

  const best = new Map<string, { prepare: number; extract: number; wall: number }>();
  for (let r = 0; r < rounds; r++) {
    // Alternate which version goes first, so neither always runs on a warmer or quieter machine.
    const order = r % 2 ? [...versions].reverse() : versions;
    for (const v of order)
      for (const s of sets) {
        const res = run(v.jobs, s.inputs, false);
        const n = s.inputs.length;
        const x = { prepare: res.prepareCpu / n, extract: res.extractCpu / n, wall: res.wall / n };
        const key = `${v.label}\t${s.name}`;
        const b = best.get(key);
        if (!b || x.prepare + x.extract < b.prepare + b.extract) best.set(key, x);
      }
  }

  console.log('\nms per input: process CPU (best of rounds) and wall time\n');
  console.log('| version | set | inputs | prepare | extract | total CPU | wall |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
  const totalOf = (label: string, set: string): number => {
    const b = best.get(`${label}\t${set}`)!;
    return b.prepare + b.extract;
  };
  for (const v of versions)
    for (const s of sets) {
      const b = best.get(`${v.label}\t${s.name}`)!;
      console.log(`| ${v.label} | ${s.name} | ${s.inputs.length} | ${b.prepare.toFixed(3)} | ${b.extract.toFixed(3)} | ${(b.prepare + b.extract).toFixed(3)} | ${b.wall.toFixed(3)} |`);
    }
  if (baselineDir)
    console.log(`\ncurrent / baseline CPU: ${sets.map((s) => `${s.name} ${(totalOf('current', s.name) / totalOf('baseline', s.name)).toFixed(2)}`).join(', ')}`);
}

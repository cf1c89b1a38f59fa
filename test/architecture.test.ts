// The shape of the house, checked: data flows one way. An import graph of src/ (every import,
// type-only ones included, between top-level folders) must have no cycle; the stages import only
// stages before them (and the shared base); the store imports no stage; no stage imports the
// pipeline, the server or the CLI; a part is entered by its index.ts; and the store's database
// handle is used nowhere else.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'node:test';

const SRC = join(import.meta.dirname, '..', 'src');

/** Shared by everything, importing nothing but each other. */
const BASE = ['types', 'config', 'util', 'text'];
/** The stages, in the order data flows through them. */
const STAGES = ['fetch', 'sources', 'extract', 'normalize', 'dedupe', 'stories', 'nlp', 'entities', 'events', 'timeline'];
/** What each part may import besides itself (the shell, server and cli, may import the rest). */
const ALLOWED: Record<string, string[]> = {
  ...Object.fromEntries(BASE.map((b) => [b, BASE])),
  ...Object.fromEntries(STAGES.map((s, i) => [s, [...BASE, ...STAGES.slice(0, i)]])),
  store: BASE,
  pipeline: [...BASE, ...STAGES, 'store'],
  subscriptions: [...BASE, ...STAGES, 'store', 'pipeline'],
  server: [...BASE, ...STAGES, 'store', 'pipeline', 'subscriptions'],
  cli: [...BASE, ...STAGES, 'store', 'pipeline', 'subscriptions', 'server'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const part = (file: string): string => relative(SRC, file).split('/')[0]!.replace(/\.ts$/, '');

/** Folder → folder → the files and lines that make the arrow. */
function graph(): Map<string, Map<string, string[]>> {
  const out = new Map<string, Map<string, string[]>>();
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|new URL\(\s*['"](\.{1,2}\/[^'"]+\.ts)['"]/g)) {
      const target = resolve(dirname(f), m[1] ?? m[2] ?? m[3]!);
      const [a, b] = [part(f), part(target)];
      if (a === b) continue;
      const edges = out.get(a) ?? out.set(a, new Map()).get(a)!;
      (edges.get(b) ?? edges.set(b, []).get(b)!).push(relative(SRC, f));
    }
  }
  return out;
}

test('every top-level part of src/ is placed in the architecture', () => {
  const parts = new Set(files(SRC).map(part));
  for (const p of parts) assert.ok(p in ALLOWED, `src/${p} is not placed in test/architecture.test.ts: is it a stage, the base, or the shell?`);
});

test('imports go one way: stages only to earlier stages, the store to no stage, nothing to the pipeline or the shell', () => {
  const wrong: string[] = [];
  for (const [a, edges] of graph()) {
    for (const [b, where] of edges) if (!ALLOWED[a]?.includes(b)) wrong.push(`${a} → ${b} (${[...new Set(where)].join(', ')})`);
  }
  assert.deepEqual(wrong, []);
});

test('each stage, the store and the pipeline are entered by their index.ts only (their other files are theirs)', () => {
  const reached: string[] = [];
  for (const f of files(SRC)) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = resolve(dirname(f), m[1]!);
      const [a, b] = [part(f), part(target)];
      if (a === b || BASE.includes(b) || relative(SRC, target) === `${b}/index.ts`) continue;
      reached.push(`${relative(SRC, f)} → ${relative(SRC, target)}`);
    }
  }
  assert.deepEqual(reached, []);
});

test('the import graph between parts has no cycle', () => {
  const g = graph();
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (n: string, path: string[]): void => {
    if (state.get(n) === 'done') return;
    if (state.get(n) === 'open') return void cycles.push([...path.slice(path.indexOf(n)), n].join(' → '));
    state.set(n, 'open');
    for (const m of g.get(n)?.keys() ?? []) visit(m, [...path, n]);
    state.set(n, 'done');
  };
  for (const n of g.keys()) visit(n, []);
  assert.deepEqual(cycles, []);
});

test('the database handle is the store’s alone', () => {
  const leaks = files(SRC)
    .filter((f) => part(f) !== 'store')
    .flatMap((f) => readFileSync(f, 'utf8').split('\n').map((line, i) => ({ f, line, i })))
    .filter(({ line }) => /\.db\.(selectFrom|insertInto|updateTable|deleteFrom|transaction|schema|withTables|destroy)\b|\bstore\.db\b|from 'kysely'/.test(line))
    .map(({ f, i, line }) => `${relative(SRC, f)}:${i + 1}: ${line.trim()}`);
  assert.deepEqual(leaks, []);
});

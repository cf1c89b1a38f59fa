// The command line as a user runs it: bin/storyline on the project's Node.
import assert from 'node:assert/strict';
import { execFile, execSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { after, test } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'storyline');
const dir = mkdtempSync(join(tmpdir(), 'storyline-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function storyline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(bin, args, { maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('every command has --help', async () => {
  for (const cmd of [[], ['ingest'], ['extract'], ['export'], ['dates'], ['serve']]) {
    const r = await storyline(...cmd, '--help');
    assert.equal(r.code, 0, `${cmd.join(' ')} --help`);
    assert.match(r.stdout, /Usage: storyline/);
  }
});

test('ingest prints one summary line, export prints the document, extract works alone', async () => {
  const db = join(dir, 'cli.db');
  const file = join(dir, 'note.txt');
  writeFileSync(file, 'Le conseil municipal vote le nouveau plan vélo\n\nPar Marie Dubois\n\nLe conseil municipal a adopté lundi soir un plan de 40 kilomètres de pistes cyclables, financé sur cinq ans. L’opposition a voté contre.\n');
  writeFileSync(join(dir, 'empty.txt'), '');
  const r = await storyline('ingest', file, join(dir, 'empty.txt'), '--db', db);
  assert.equal(r.code, 0);
  assert.equal(r.stdout.trim().split('\n').length, 1);
  assert.match(r.stdout, /1 new articles?, 0 duplicates, 0 unchanged, 1 rejected/);
  assert.match(r.stderr, /skipped .*empty\.txt: empty file/);
  const ex = await storyline('export', '--db', db, '--format', 'json');
  const doc = JSON.parse(ex.stdout);
  assert.equal(doc.articles.length, 1);
  assert.equal(doc.articles[0].title, 'Le conseil municipal vote le nouveau plan vélo');
  assert.deepEqual(doc.articles[0].authors, ['Marie Dubois']);
  assert.equal(doc.articles[0].storyId, doc.stories[0].id);
  const one = JSON.parse((await storyline('extract', file, '--json')).stdout);
  assert.equal(one.language, 'fr');
  assert.equal(one.storyId, undefined);
});

test('nothing handled means exit 1; unknown format means exit 2', async () => {
  const r = await storyline('ingest', join(dir, 'missing.txt'), '--db', join(dir, 'x.db'));
  assert.equal(r.code, 1);
  assert.match(r.stderr, /missing\.txt: no such file or folder/);
  const f = await storyline('export', '--db', join(dir, 'x.db'), '--format', 'xml');
  assert.equal(f.code, 2);
  assert.match(f.stderr, /only json/);
});

test('--version, and ingest --help names every input kind', async () => {
  const v = await storyline('--version');
  assert.equal(v.code, 0);
  assert.match(v.stdout.trim(), /^\d+\.\d+\.\d+$/);
  const h = await storyline('ingest', '--help');
  for (const kind of ['.txt', '.html', '.jsonl', 'JSON Feed', '.rss', '.atom', '.opml', 'folders', 'URLs', '--follow-symlinks']) assert.ok(h.stdout.includes(kind), kind);
});

test('read-only commands refuse a database that does not exist (a mistyped --db), creating nothing', async () => {
  const typo = join(dir, 'storylnie.db');
  for (const args of [['export'], ['stories', 'list'], ['stories', 'check'], ['feeds', 'list'], ['feeds', 'export']]) {
    const r = await storyline(...args, '--db', typo);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.stderr, /no (database at .*storylnie\.db|Storyline store in schema \w+ of .*) \(is --db mistyped\?\)/);
    assert.ok(!existsSync(typo), `${args.join(' ')} created ${typo}`);
  }
});

test('a bad setting gives a message, not a stack trace; an unknown STORYLINE_ name is warned about', async () => {
  const db = join(dir, 'settings.db');
  await storyline('ingest', join(import.meta.dirname, '..', 'demo', 'corpus', '02-alpine-ledger-board-ousts-vollmer.txt'), '--db', db, '--no-analysis');
  const bad = await runEnv({ STORYLINE_INGEST_CHUNK: 'lots' }, 'ingest', join(import.meta.dirname, '..', 'demo', 'corpus'), '--db', db, '--no-analysis');
  assert.equal(bad.code, 2);
  assert.equal(bad.stderr.trim(), 'storyline: STORYLINE_INGEST_CHUNK=lots is not a number');
  const typo = await runEnv({ STORYLINE_ADMN_TOKEN: 'x' }, 'stories', 'list', '--db', db);
  assert.equal(typo.code, 0);
  assert.match(typo.stderr, /warning: STORYLINE_ADMN_TOKEN is not a setting/);
});

test('a closed pipe ends the output quietly (export | head)', async () => {
  const db = join(dir, 'pipe.db');
  await storyline('ingest', join(import.meta.dirname, '..', 'demo', 'corpus'), '--db', db, '--no-analysis');
  // The export is larger than a pipe's buffer: head closes it mid-write.
  const errors = join(dir, 'pipe.err');
  const out = execSync(`"${bin}" export --db "${db}" 2>"${errors}" | head -c 10; echo " rc=\${PIPESTATUS[0]}"`, { shell: '/bin/bash', encoding: 'utf8' });
  assert.equal(out, `{\n  "artic rc=0\n`);
  assert.doesNotMatch(readFileSync(errors, 'utf8'), /EPIPE|Error|at /);
});

test('ingest leaves the analysis queued (and says so); export runs it first, once; ingest --analyse runs it itself', async () => {
  const file = join(import.meta.dirname, '..', 'demo', 'corpus', '02-alpine-ledger-board-ousts-vollmer.txt');
  const db = join(dir, 'queue.db');
  const i = await storyline('ingest', file, '--db', db);
  assert.equal(i.code, 0, i.stderr);
  assert.match(i.stdout, /; 1 story queued for analysis \(storyline export runs it/);
  const pending = await storyline('export', '--db', db, '--no-analysis');
  assert.equal(pending.code, 0, pending.stderr);
  assert.equal((JSON.parse(pending.stdout) as { pending: string[] }).pending.length, 1, '--no-analysis prints what is analysed so far');
  assert.match(pending.stderr, /1 stories are waiting for analysis/);
  const e = await storyline('export', '--db', db);
  assert.equal(e.code, 0, e.stderr);
  assert.match(e.stderr, /^storyline: analysed 1 story from the queue in [\d.]+ s\n$/, 'one line on stderr when it is not a terminal');
  const doc = JSON.parse(e.stdout) as { pending: string[]; entities: unknown[]; events: unknown[] };
  assert.deepEqual(doc.pending, []);
  assert.ok(doc.entities.length > 0 && doc.events.length > 0, 'the export holds the analysis');
  const again = await storyline('export', '--db', db);
  assert.equal(again.stderr, '', 'nothing left to analyse');
  assert.equal(again.stdout, e.stdout);
  const inline = await storyline('ingest', file, '--db', join(dir, 'inline.db'), '--analyse');
  assert.match(inline.stdout, /; analysed 1 stories \(/);
  const noop = await storyline('ingest', file, '--db', join(dir, 'noop.db'), '--no-analysis');
  assert.match(noop.stdout, /queued for analysis/, '--no-analysis is the default, kept as a harmless alias');
});

test('docs/settings.md is the table `storyline settings --markdown` prints', async () => {
  const r = await storyline('settings', '--markdown');
  assert.equal(r.code, 0);
  assert.equal(readFileSync(join(import.meta.dirname, '..', 'docs', 'settings.md'), 'utf8'), r.stdout, 'run: storyline settings --markdown > docs/settings.md');
  assert.match(r.stdout, /STORYLINE_TRUST_PROXY/);
});

test('on a terminal, ingest shows a progress bar with a known total, and so does the analysis export runs', { skip: !existsSync('/usr/bin/script') && 'needs script(1) for a pseudo-terminal' }, async () => {
  const db = join(dir, 'tty.db');
  const out = execSync(`script -qec '"${bin}" ingest "${join(import.meta.dirname, '..', 'demo', 'corpus')}" --db "${db}" --no-analysis' /dev/null`, { encoding: 'utf8' });
  assert.match(out, /0\/14 files/);
  assert.match(out, /14\/14 files/);
  // Then export, on a terminal: the queued analysis runs first, with its own bar.
  const exported = execSync(`script -qec '"${bin}" export --db "${db}" > /dev/null' /dev/null`, { encoding: 'utf8' });
  assert.match(exported, /analyse \[.*\] 0\/3 stories/);
  assert.match(exported, /3\/3 stories/);
});

async function runEnv(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(bin, args, { env: { ...process.env, ...env }, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

test('a serve that cannot take its port exits without keeping the queued stories claimed for analysis', async () => {
  const db = join(dir, 'port.db');
  const file = join(dir, 'port.txt');
  writeFileSync(file, 'Le maire démissionne\n\nLe maire de Brévenne, Paul Garnier, a démissionné mardi, a annoncé la préfecture. Une élection partielle aura lieu en juin.\n');
  assert.equal((await storyline('ingest', file, '--db', db)).code, 0);
  const blocker = createServer().listen(0, '127.0.0.1');
  await once(blocker, 'listening');
  const port = (blocker.address() as { port: number }).port;
  const r = await storyline('serve', '--db', db, '--port', String(port));
  blocker.close();
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /already in use/);
  // Had it claimed the story, a worker would find nothing to take until the lease lapsed (minutes).
  assert.equal((await storyline('worker', '--once', '--db', db)).code, 0);
  const e = await storyline('export', '--no-analysis', '--db', db, '--format', 'json');
  assert.deepEqual(JSON.parse(e.stdout).pending, []);
});

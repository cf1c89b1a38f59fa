// The command line as a user runs it: bin/storyline on the project's Node.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

// The seeds as a user gets them (issue #15): `bin/storyline ingest` then `bin/storyline export`,
// and every must-check of ../shared/eval/seeds/gold.json on the exported document itself (not
// on an analysis made inside the evaluation harness): articles, the story, entities, roles at
// their dates ("CEO of OpenAI, latest: Sam Altman"), events with their statuses.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { promisify } from 'node:util';
import { articleChecks, readGold, storyChecks, timelineChecks } from '../eval/gold.ts';
import { defaultSharedDir } from '../eval/harness.ts';
import type { ExportDocument } from '../src/store/index.ts';

const run = promisify(execFile);
const bin = join(import.meta.dirname, '..', 'bin', 'storyline');
const shared = defaultSharedDir();
const absent = !existsSync(join(shared, 'seeds')) || !existsSync(join(shared, 'eval', 'seeds', 'gold.json'));
const dir = mkdtempSync(join(tmpdir(), 'storyline-cli-seeds-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('seeds through the CLI (ingest, then export): every must-check of gold.json passes on the export', { skip: absent && `${shared}/seeds or eval/seeds/gold.json is absent: skipped` }, async () => {
  const db = join(dir, 'seeds.db');
  // Ingest stores and groups, and leaves the analysis queued; export runs it before printing.
  const ingest = await run(bin, ['ingest', join(shared, 'seeds'), '--db', db]);
  assert.match(ingest.stdout, /queued for analysis/);
  const { stdout, stderr } = await run(bin, ['export', '--db', db, '--format', 'json'], { maxBuffer: 256 << 20 });
  assert.match(stderr, /analysed \d+ stor(y|ies) from the queue/);
  const doc = JSON.parse(stdout) as ExportDocument;
  assert.deepEqual(doc.pending, [], 'export analysed every story ingest queued');
  const gold = readGold(join(shared, 'eval', 'seeds', 'gold.json'));
  const keys = new Map(doc.articles.map((a) => [a.id, basename(a.input)]));
  const checks = [...articleChecks(doc, gold), ...storyChecks(doc, gold), ...timelineChecks(doc, gold, (id) => keys.get(id) ?? id)];
  const failed = checks.filter((c) => c.hard && !c.ok).map((c) => `${c.part} ${c.article ?? ''} ${c.name}: ${c.detail}`);
  assert.deepEqual(failed, []);
  // Quotations are exported beside the events, each with its speaker and the verb as written.
  assert.ok(doc.quotations.length > 0, 'quotations are exported');
  for (const q of doc.quotations) assert.ok(q.sentence.includes(q.cue), `${q.cue} is quoted as written`);
  // A plain "said" is no event of the timeline.
  assert.ok(!doc.events.some((e) => e.type === 'statement' && /^(?:a (?:déclaré|dit|affirmé|indiqué|expliqué)|said|says)$/.test(e.trigger ?? '')), 'no plain "said" statement events');
});

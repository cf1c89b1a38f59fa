// The first customer's five scraped reports, through the whole pipeline, against the gold.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultSharedDir } from '../eval/harness.ts';
import { articleChecks, runSeeds } from '../eval/suites/seeds.ts';

const shared = defaultSharedDir();
const absent = !existsSync(join(shared, 'seeds')) || !existsSync(join(shared, 'eval', 'seeds', 'gold.json'));

test('seed articles satisfy every must-check of gold.json', { skip: absent && `${shared}/seeds or eval/seeds/gold.json is absent` }, async () => {
  const { doc, gold } = await runSeeds(shared);
  assert.equal(doc.articles.length, 5);
  const failed = articleChecks(doc, gold).filter((c) => c.hard && !c.ok);
  assert.deepEqual(failed.map((c) => `${c.article} ${c.name}: ${c.detail}`), []);
  for (const a of doc.articles) assert.equal(a.duplicateOf, null, `${a.input} is not a duplicate`);
});

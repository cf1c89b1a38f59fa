// Golden fixtures of the fuzzy stages that work on several articles: fixtures/<stage>/<case>/
// {input.*, expected.json}. dedupe and stories run their input (JSON lines, one article record
// each, in order) through the real pipeline into a real SQLite file; entities and events run the
// analysis of one story on its articles. Every case says in `about` what it is there for; a case
// with `todo` states what the method does not do yet, and is reported as a to-do, not a pass.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { Pipeline } from '../src/pipeline/index.ts';
import { Store } from '../src/store/index.ts';
import { fold } from '../src/text/unicode.ts';
import { analyzeStory } from '../src/timeline/index.ts';
import type { ExportEntity, StoryAnalysis, StoryArticle } from '../src/types.ts';

const ROOT = join(import.meta.dirname, '..', 'fixtures');
const tmp = mkdtempSync(join(tmpdir(), 'storyline-fixtures-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

const cases = (stage: string): string[] => readdirSync(join(ROOT, stage)).filter((c) => existsSync(join(ROOT, stage, c, 'expected.json'))).sort();
const expected = <T>(stage: string, c: string): T => JSON.parse(readFileSync(join(ROOT, stage, c, 'expected.json'), 'utf8')) as T;
const todo = (stage: string, c: string): string | undefined => expected<{ todo?: string }>(stage, c).todo;

/** The case's records ingested one file each, in order (so that each is its own input): the
 * stored articles, in the input's order. */
async function ingestCase(stage: string, c: string): Promise<Array<{ id: string; duplicateOf: string | null; versionOf: string | null; storyId: string | null }>> {
  const lines = readFileSync(join(ROOT, stage, c, 'input.jsonl'), 'utf8').split('\n').filter((l) => l.trim());
  const store = await Store.open({ db: join(tmp, `${stage}-${c}.db`) });
  const pipeline = new Pipeline(store);
  const ids: string[] = [];
  for (const [i, line] of lines.entries()) {
    const file = join(tmp, `${stage}-${c}-${i}.json`);
    writeFileSync(file, line);
    await pipeline.ingest([file], {}, { workers: 'never' });
    ids.push((await store.pages.articles({ newestFirst: true, limit: 1 }))[0]!.id);
  }
  await pipeline.close();
  const stored = await store.pages.articlesLite(ids);
  await store.close();
  return ids.map((id) => stored.get(id)!);
}

describe('dedupe fixtures (fixtures/dedupe)', () => {
  for (const c of cases('dedupe')) {
    it(c, { todo: todo('dedupe', c) }, async () => {
      const exp = expected<{ duplicates: Record<string, number>; versions: Record<string, number>; sameStory: number[][] }>('dedupe', c);
      const a = await ingestCase('dedupe', c);
      a.forEach((x, i) => {
        const dup = exp.duplicates[String(i)];
        const ver = exp.versions[String(i)];
        assert.equal(x.duplicateOf, dup === undefined ? null : a[dup]!.id, `article ${i}: duplicate of`);
        assert.equal(x.versionOf, ver === undefined ? null : a[ver]!.id, `article ${i}: version of`);
      });
      for (const group of exp.sameStory) assert.equal(new Set(group.map((i) => a[i]!.storyId)).size, 1, `articles ${group.join(', ')}: one story`);
    });
  }
});

describe('stories fixtures (fixtures/stories)', () => {
  for (const c of cases('stories')) {
    it(c, { todo: todo('stories', c) }, async () => {
      const exp = expected<{ stories: number[][] }>('stories', c);
      const a = await ingestCase('stories', c);
      const partition = (groups: number[][]): string => groups.map((g) => [...g].sort().join(',')).sort().join(' | ');
      const byStory = new Map<string, number[]>();
      a.forEach((x, i) => (byStory.get(x.storyId!) ?? byStory.set(x.storyId!, []).get(x.storyId!)!).push(i));
      assert.equal(partition([...byStory.values()]), partition(exp.stories));
    });
  }
});

const analysed = (stage: string, c: string): StoryAnalysis => {
  const { articles } = JSON.parse(readFileSync(join(ROOT, stage, c, 'input.json'), 'utf8')) as { articles: StoryArticle[] };
  return analyzeStory(`fixture-${c}`, articles);
};
const named = (e: ExportEntity, n: string): boolean => fold(e.name) === fold(n) || e.aliases.some((a) => fold(a) === fold(n));

describe('entities fixtures (fixtures/entities)', () => {
  for (const c of cases('entities')) {
    it(c, { todo: todo('entities', c) }, () => {
      const exp = expected<{ persons: Record<string, string[]>; organizations: Record<string, string[]>; places: string[]; notEntities: string[]; distinctPersons?: string[][] }>('entities', c);
      const r = analysed('entities', c);
      const list = r.entities.map((e) => `${e.name} (${e.type}; ${e.aliases.join(', ')})`).join('; ');
      const find = (n: string, type: string): ExportEntity | undefined => r.entities.find((e) => e.type === type && fold(e.name) === fold(n)) ?? r.entities.find((e) => e.type === type && named(e, n));
      for (const [name, aliases] of Object.entries(exp.persons)) {
        const e = find(name, 'person');
        assert.ok(e, `person ${name} in ${list}`);
        for (const a of aliases) assert.ok(named(e, a), `${name} goes by ${a}: ${list}`);
      }
      for (const [name, aliases] of Object.entries(exp.organizations)) {
        const e = find(name, 'organization');
        assert.ok(e, `organization ${name} in ${list}`);
        for (const a of aliases) assert.ok(named(e, a), `${name} goes by ${a}: ${list}`);
      }
      for (const p of exp.places) assert.ok(find(p, 'place'), `place ${p} in ${list}`);
      for (const n of exp.notEntities) assert.ok(!r.entities.some((e) => fold(e.name) === fold(n)), `${n} is not an entity: ${list}`);
      for (const group of exp.distinctPersons ?? []) assert.equal(new Set(group.map((n) => find(n, 'person')?.id)).size, group.length, `${group.join(' and ')} are different people: ${list}`);
    });
  }
});

describe('events fixtures (fixtures/events)', () => {
  for (const c of cases('events')) {
    it(c, { todo: todo('events', c) }, () => {
      const exp = expected<{ events: Array<{ type: string; who: string; organization?: string; date?: string }> }>('events', c);
      const r = analysed('events', c);
      const idOf = (n: string): string | undefined => r.entities.find((e) => named(e, n))?.id;
      const list = r.events.map((e) => `${e.type}: ${e.summary} [${e.date.start ?? '?'}]`).join('; ');
      for (const g of exp.events) {
        const found = r.events.find(
          (e) =>
            e.type === g.type &&
            e.participants.some((p) => p.role === 'subject' && p.entityId === idOf(g.who)) &&
            (!g.organization || e.participants.some((p) => p.entityId === idOf(g.organization!))) &&
            (!g.date || e.date.start?.slice(0, 10) === g.date),
        );
        assert.ok(found, `${g.type} of ${g.who}${g.organization ? ` at ${g.organization}` : ''}${g.date ? ` on ${g.date}` : ''}: ${list}`);
      }
    });
  }
});

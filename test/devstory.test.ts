// The development stories' gold files agree with their own corpus: every quoted body string is in
// the file it names, every article a check refers to exists, every cross-reference resolves. A
// typo in a gold file would otherwise read as a failure of the system.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readGold, samePublished } from '../eval/gold.ts';
import { devStories, STORIES_DIR } from '../eval/suites/devstory.ts';

/** A corpus file's raw text, spaces unified; a JSON Lines record by its line number. */
function rawText(corpus: string, key: string): string | undefined {
  const [file, line] = key.split('#');
  const path = join(corpus, file!);
  if (!existsSync(path)) return undefined;
  let raw = readFileSync(path, 'utf8');
  if (line) {
    const rec = raw.split('\n')[Number(line) - 1];
    if (!rec) return undefined;
    const r = JSON.parse(rec) as { title: string; text: string };
    raw = `${r.title}\n${r.text}`;
  }
  return raw.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ');
}

describe('development stories', () => {
  it('there is at least one, with a corpus, a gold file and an answer key', () => {
    assert.ok(devStories().length >= 1);
    for (const n of devStories()) assert.ok(existsSync(join(STORIES_DIR, n, 'README.md')), `${n}/README.md`);
  });

  for (const name of devStories()) {
    it(`${name}: gold.json agrees with its corpus`, () => {
      const dir = join(STORIES_DIR, name);
      const corpus = join(dir, 'corpus');
      const gold = readGold(join(dir, 'gold.json'));
      const keys = Object.keys(gold.articles ?? {});
      const problems: string[] = [];
      const sp = (s: string): string => s.replace(/[\s\u00a0\u202f]+/g, ' ');
      for (const [key, a] of Object.entries(gold.articles ?? {})) {
        const raw = rawText(corpus, key);
        if (raw === undefined) { problems.push(`${key}: no such file or record`); continue; }
        const quoted = [a.title, ...(a.body_first ? [a.body_first] : []), ...(a.body_first_any ?? []), ...(a.body_last ? [a.body_last] : []), ...(a.body_last_any ?? []), ...(a.body_must_contain_once ?? []), ...(a.body_must_not_contain ?? []), ...(a.soft_repairs?.headings ?? [])];
        for (const q of quoted) if (!raw.includes(sp(q))) problems.push(`${key}: "${q}" is not in the file`);
        for (const q of a.body_must_contain_once ?? []) if (raw.split(sp(q)).length - 1 < 1) problems.push(`${key}: "${q}" absent`);
        if (!a.body_first && !a.body_first_any?.length) problems.push(`${key}: no body_first`);
        if (!a.body_last && !a.body_last_any?.length) problems.push(`${key}: no body_last`);
        if (a.published !== null && Number.isNaN(Date.parse(a.published))) problems.push(`${key}: published ${a.published} is not a date`);
        if (a.published !== null && !samePublished(a.published, a.published)) problems.push(`${key}: published does not match itself`);
      }
      // Every file of the corpus is accounted for, and every listed article exists.
      const files = readdirSync(corpus).sort();
      for (const f of files) if (!keys.some((k) => k.split('#')[0] === f)) problems.push(`${f}: in the corpus but not in gold.articles`);
      const st = gold.stories!;
      for (const k of [...st.story_articles, ...(st.unrelated ?? []), ...Object.keys(st.duplicates ?? {}), ...Object.values(st.duplicates ?? {})]) if (!keys.includes(k)) problems.push(`stories: ${k} is not an article`);
      for (const k of st.unrelated ?? []) if (st.story_articles.includes(k)) problems.push(`stories: ${k} both in and out of the story`);
      // Entities, roles and events name what the gold lists, and only story articles as sources.
      const ents = gold.entities!;
      const persons = ents.persons.map((p) => p.name);
      const orgs = ents.organizations.map((o) => (typeof o === 'string' ? o : o.name));
      const storyText = st.story_articles.map((k) => rawText(corpus, k) ?? '').join('\n');
      for (const p of ents.persons) for (const n of [p.name, ...p.aliases]) if (!storyText.normalize('NFD').replace(/\p{M}/gu, '').includes(n.normalize('NFD').replace(/\p{M}/gu, ''))) problems.push(`person ${n} is not in the story's texts`);
      for (const [a, b] of ents.distinct_persons ?? []) if (!persons.includes(a) || !persons.includes(b)) problems.push(`distinct_persons ${a}/${b}: not listed persons`);
      for (const s of gold.roles?.states ?? []) {
        if (!persons.includes(s.holder)) problems.push(`role state: holder ${s.holder} is not a listed person`);
        if (!orgs.includes(s.organization)) problems.push(`role state: ${s.organization} is not a listed organization`);
        if (s.at !== 'latest' && Number.isNaN(Date.parse(s.at))) problems.push(`role state: at ${s.at}`);
      }
      const ids = new Set((gold.events ?? []).map((e) => e.id));
      assert.equal(ids.size, (gold.events ?? []).length, 'event ids are unique');
      for (const e of gold.events ?? []) {
        if (!persons.includes(e.who) && !orgs.includes(e.who)) problems.push(`event ${e.id}: who ${e.who} is not listed`);
        if (e.organization !== null && !orgs.includes(e.organization)) problems.push(`event ${e.id}: organization ${e.organization} is not listed`);
        if (!(e.date[0] <= e.date[1])) problems.push(`event ${e.id}: date window ${e.date}`);
        for (const k of e.sources_min) if (!e.sources_all.includes(k)) problems.push(`event ${e.id}: ${k} in sources_min but not sources_all`);
        for (const k of e.sources_all) if (!st.story_articles.includes(k)) problems.push(`event ${e.id}: source ${k} is not a story article`);
        if (e.superseded_by && !ids.has(e.superseded_by)) problems.push(`event ${e.id}: superseded_by ${e.superseded_by}`);
        if (e.superseded_by && e.status !== 'superseded') problems.push(`event ${e.id}: superseded_by without status superseded`);
        for (const c of e.contradicts ?? []) {
          const other = (gold.events ?? []).find((x) => x.id === c);
          if (!other || !other.contradicts?.includes(e.id)) problems.push(`event ${e.id}: contradicts ${c}, which does not contradict it back`);
        }
      }
      assert.deepEqual(problems, []);
    });
  }
});

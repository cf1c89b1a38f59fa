// Issue #17's page points, on the export shapes (ExportEvent, ExportEntity, ExportRole), so they
// hold whatever the analysis writes: office holders in turn, one bar per tenure on a shared axis,
// key events first with quotations under their speaker, an honest "latest", one honest date per
// article, outlets in the coverage, feed entries at Storyline's own publication time.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parseFeed } from 'feedsmith';
import { ingest } from './helpers.ts';
import { atomFeed, readableTitle } from '../src/server/feeds.ts';
import { createApp } from '../src/server/index.ts';
import { articleDate } from '../src/server/views/layout.ts';
import { axisOf, mergeTenures, succession, type Tenure } from '../src/server/views/roles.ts';
import { isKeyEvent, storyPage, type StoryView } from '../src/server/views/story.ts';
import { Store, type ArticleLite } from '../src/store/index.ts';
import type { ExportEvent } from '../src/types.ts';

const role = (holder: string, from: string | null, to: string | null, interim = false, role = 'ceo'): Tenure => ({
  holderId: holder.toLowerCase().replace(/\W/g, ''),
  holderName: holder,
  role,
  label: interim ? 'interim CEO' : 'CEO',
  organizationId: 'openai',
  from,
  to,
  interim,
  sources: [{ articleId: `a-${holder}-${from}-${to}`, sentence: `${holder} …` }],
});

test('an office in turn: reports of one tenure merge, later tenures stay apart (CEO of OpenAI)', () => {
  const merged = mergeTenures([
    role('Sam Altman', '2019-03-08', null),
    role('Sam Altman', null, '2023-11-17'),
    role('Sam Altman', null, null),
    role('Mira Murati', '2023-11-17', '2023-11-19', true),
    role('Emmett Shear', '2023-11-19', null, true),
    role('Sam Altman', '2023-11-22', null),
  ]);
  assert.equal(merged.length, 4, 'Altman twice (two tenures), Murati, Shear');
  assert.equal(succession(merged), 'Sam Altman (8 Mar 2019 – 17 Nov 2023) → Mira Murati (interim, 17 Nov 2023 – 19 Nov 2023) → Emmett Shear (interim, from 19 Nov 2023) → Sam Altman (from 22 Nov 2023)');
  assert.equal(merged.reduce((n, t) => n + t.sources.length, 0), 6, 'the undated report adds its source to a tenure, not a bar of its own');
  // The contradiction of two bars for one tenure is gone: one CEO bar per stretch of time.
  const altman = merged.filter((t) => t.holderName === 'Sam Altman');
  assert.ok(altman[0]!.to! < altman[1]!.from!);
  // A term whose start nobody gave ends the day the next begins: it comes first in the succession.
  const oneDay = mergeTenures([role('Julien Marchetti', '2026-03-06', '2026-03-08', true), role('Katarina Vollmer', null, '2026-03-06')]);
  assert.equal(succession(oneDay), 'Katarina Vollmer (until 6 Mar 2026) → Julien Marchetti (interim, 6 Mar 2026 – 8 Mar 2026)');
});

test('the charts of a page share one axis set by the tenures, not by far-off event dates', () => {
  const a = axisOf([role('A', '2023-11-17', '2023-11-19')], ['2015-12-11']);
  const days = a.hi - a.lo;
  assert.ok(days < 20, `${days} days: a week of changes is not squeezed by a founding date`);
});

let store: Store;
let app: ReturnType<typeof createApp>;
let dir: string;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'storyline-p17-'));
  store = await Store.open({ db: join(dir, 'p.db') });
  await ingest([join(import.meta.dirname, '..', 'demo', 'corpus')], store, {}, { workers: 'never', analyse: true });
  app = createApp(store);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

test('an organisation page names its office holders; a person page shows each tenure once', async () => {
  const stories = await store.pages.allStories();
  const big = stories.sort((a, b) => b.articleIds.length - a.articleIds.length)[0]!;
  const analysis = (await store.analysis.ofStories([big.id])).get(big.id)!;
  const orgIds = new Set(analysis.entities.flatMap((e) => e.roles.map((r) => r.organizationId).filter((x): x is string => !!x)));
  const org = analysis.entities.find((e) => e.type === 'organization' && orgIds.has(e.id))!;
  assert.ok(org, 'an organisation someone holds a role in');
  const page = await (await app.request(`/entities/${org.id}`)).text();
  assert.match(page, /<h2>Office holders<\/h2>/);
  assert.doesNotMatch(page, /No roles reported/);
  const holders = analysis.entities.filter((e) => e.roles.some((r) => r.organizationId === org.id));
  for (const h of holders) assert.ok(page.includes(`href="/entities/${h.id}"`), `${h.name} is listed`);
  assert.match(page, /class="succession">[^<]+→|class="succession">[^<→]+</);
  assert.match(page, /class="legend tenure-legend"/);
  // Every chart of the page on one axis: the same tick labels each time.
  const axes = [...page.matchAll(/<div class="axis" aria-hidden="true">(.*?)<\/div>/g)].map((m) => m[1]);
  assert.ok(axes.length >= 1 && axes.every((a) => a === axes[0]));
});

test('the story timeline shows key events by default, all with ?view=all, and quotations under their speaker', async () => {
  const at = (d: string): string => `${d}T09:00:00Z`;
  const ev = (id: string, type: ExportEvent['type'], speaker: string | null, day: string): ExportEvent => ({
    id,
    storyId: 's',
    type,
    summary: `${type} ${id}`,
    participants: speaker ? [{ entityId: speaker, role: 'subject' }] : [],
    date: { start: day, end: null, precision: 'day', text: day },
    sources: [{ articleId: 'a1', sentence: `Sentence of ${id}.`, reportedAt: at(day) }],
    status: 'reported',
    supersededBy: null,
    contradicts: [],
  });
  const events = [ev('e1', 'dismissal', 'p1', '2026-03-06'), ev('q1', 'statement', 'p1', '2026-03-06'), ev('q2', 'statement', 'p2', '2026-03-07'), ev('q3', 'statement', 'p1', '2026-03-08'), ev('e2', 'return', 'p1', '2026-03-11')];
  const article: ArticleLite = { id: 'a1', title: 'Un titre', site: 'Le Courrier', url: null, authors: [], language: 'fr', publishedAt: '2026-03-06T10:00:00Z', ingestedAt: '2026-12-05T10:00:00Z', duplicateOf: null, versionOf: null, storyId: 's' };
  const v: StoryView = {
    story: { id: 's', title: 'T', summary: '', articleIds: ['a1'], entityIds: [], eventIds: [], firstSeenAt: at('2026-03-06'), updatedAt: at('2026-03-11'), sourceCount: 1, languages: { fr: 1 }, firstAt: null, lastAt: null },
    events,
    entities: [
      { id: 'p1', name: 'Katarina Vollmer', type: 'person', aliases: [], mentions: [], roles: [] },
      { id: 'p2', name: 'Julien Marchetti', type: 'person', aliases: [], mentions: [], roles: [] },
    ],
    articles: [article],
  };
  const key = String(await storyPage(v, 1));
  const timeline = key.slice(key.indexOf('<section id="timeline">'), key.indexOf('</section>', key.indexOf('<section id="timeline">')));
  assert.deepEqual([...timeline.matchAll(/id="ev-(\w+)"/g)].map((m) => m[1]), ['e1', 'e2'], 'key events only');
  assert.match(timeline, /All 5 events, with every quotation/);
  const quotes = key.slice(key.indexOf('<section id="quotations">'));
  assert.ok(quotes.indexOf('Katarina Vollmer') < quotes.indexOf('Julien Marchetti'), 'the most quoted first');
  assert.match(quotes, /Katarina Vollmer<\/a> <span class="muted">2 quotations/);
  assert.ok(quotes.includes('Sentence of q1.') && quotes.includes('Sentence of q3.') && quotes.includes('Sentence of q2.'));
  const all = String(await storyPage(v, 1, 'all'));
  assert.equal((all.match(/<li class="event/g) ?? []).length, 5);
  assert.ok(!all.includes('<section id="quotations">'));
  assert.ok(events.filter(isKeyEvent).every((e) => e.type !== 'statement'));
  // The article list shows the publication date, never the day Storyline stored it.
  assert.ok(key.includes('6 Mar 2026') && !key.includes('5 Dec 2026'));
  // Coverage lists outlets.
  assert.match(key, /<caption>By outlet<\/caption>.*<td>Le Courrier<\/td>/s);
  // Routes: the key view by default, all on ?view=all.
  const big = (await store.pages.allStories()).sort((a, b) => b.articleIds.length - a.articleIds.length)[0]!;
  const routeKey = await (await app.request(`/stories/${big.id}`)).text();
  const routeAll = await (await app.request(`/stories/${big.id}?view=all`)).text();
  assert.ok((routeAll.match(/<li class="event/g) ?? []).length >= (routeKey.match(/<li class="event/g) ?? []).length);
});

test('"latest" on the home page is a dated, past development, never later than the story’s own news', async () => {
  const stories = await store.pages.allStories();
  const newest = await store.analysis.newestDevelopments(stories.map((s) => s.id));
  assert.ok(newest.size > 0);
  for (const [id, e] of newest) {
    assert.ok(e.date.start, `${id}: dated`);
    assert.notEqual(e.type, 'statement');
    const reported = e.sources.map((s) => s.reportedAt ?? '').sort().at(-1)!.slice(0, 10);
    assert.ok(e.date.start.slice(0, 10) <= reported, `${id}: ${e.date.start} not after its newest report ${reported}`);
  }
});

test('one honest date per article: published, else inferred and marked, else "date not given" (never the ingest date)', async () => {
  assert.deepEqual(articleDate({ publishedAt: '2023-11-20T08:00:00Z' }).text, '20 Nov 2023');
  assert.deepEqual(articleDate({ publishedAt: null }, { date: '2023-11-20', precision: 'day', basis: 'text' }), { iso: '2023-11-20', text: 'about 20 Nov 2023', kind: 'inferred' });
  assert.deepEqual(articleDate({ publishedAt: null }, { date: '2026-12-05', precision: 'day', basis: 'ingested' }), { iso: null, text: 'date not given', kind: 'none' });
  const undated = (await store.pages.articles()).find((a) => !a.publishedAt && a.storyId);
  if (!undated) return;
  const inferred = (await store.analysis.inferredDates(undated.storyId!))[undated.id];
  const page = await (await app.request(`/articles/${undated.id}`)).text();
  const byline = /<p class="byline">(.*?)<\/p>/s.exec(page)![1]!;
  const expected = articleDate(undated, inferred).text;
  assert.ok(byline.includes(expected), `article page: ${expected}`);
  const story = await (await app.request(`/stories/${undated.storyId}/articles`)).text();
  const line = new RegExp(`href="/articles/${undated.id}">[^<]*</a><span class="meta">([^\\n]*?)</span>`).exec(story);
  if (line) assert.ok(line[1]!.includes(expected), `story list: ${expected}`);
});

test('Atom entries carry the time Storyline published the fact, with readable titles; a site-wide feed of new stories', async () => {
  const big = (await store.pages.allStories()).sort((a, b) => b.articleIds.length - a.articleIds.length)[0]!;
  const xml = await (await app.request(`/stories/${big.id}/feed.atom`)).text();
  const feed = parseFeed(xml).feed as { entries: Array<{ title: string | { value: string }; published?: string; updated: string; id: string }> };
  const text = (t: string | { value: string }): string => (typeof t === 'string' ? t : t.value);
  const articles = new Map((await store.pages.storyArticles(big.id)).map((a) => [a.id, a]));
  const events = new Map(((await store.analysis.ofStories([big.id])).get(big.id)!.events).map((e) => [e.id, e]));
  for (const entry of feed.entries) {
    const e = events.get(entry.id.replace('urn:storyline:event:', '').replace(':superseded', ''))!;
    const firstStored = e.sources.map((s) => articles.get(s.articleId)?.ingestedAt).filter(Boolean).sort()[0]!;
    if (!entry.id.endsWith(':superseded')) assert.equal(new Date(entry.updated).toISOString(), new Date(firstStored).toISOString(), 'when Storyline stored its first source');
    assert.ok(text(entry.title).length <= 140, `readable: ${text(entry.title)}`);
  }
  const long = readableTitle({ summary: `${'word '.repeat(40)}end`, date: { start: '2026-03-06', end: null, precision: 'day', text: 'vendredi' } } as ExportEvent);
  assert.match(long, /^(word ){20,}word… \(6 Mar 2026\)$/, 'cut at a word, dated as a reader reads dates');
  assert.ok(long.length <= 130);
  void atomFeed;
  const site = await (await app.request('/feed.atom')).text();
  const stories = parseFeed(site).feed as { entries: Array<{ id: string; title: string | { value: string } }> };
  assert.equal(stories.entries.length, (await store.pages.allStories()).length);
  assert.ok(stories.entries.some((e) => text(e.title) === big.title));
});

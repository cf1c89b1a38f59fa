// Stories and duplicates on a real SQLite file: grouping, near-duplicates, versions, and
// people's decisions (merge, split, move) surviving re-ingestion and a full recluster.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { ingest } from './helpers.ts';
import { Pipeline } from '../src/pipeline/index.ts';
import { Store, type ExportDocument } from '../src/store/index.ts';
import { detectSplits, mergeStories, moveArticle, recluster, splitStory } from '../src/stories/index.ts';
import { dot, termCounts, Vector } from '../src/stories/features.ts';
import { vocabulary, Vocabulary } from '../src/stories/vocabulary.ts';
import { HORIZON_DAYS, INDEX_TERMS, newStory, STORY_TERMS, StoryIndex, strongest } from '../src/stories/cluster.ts';
import { WorkingSet } from '../src/stories/working-set.ts';

const root = mkdtempSync(join(tmpdir(), 'storyline-stories-'));
after(() => rmSync(root, { recursive: true, force: true }));
const demo = join(import.meta.dirname, '..', 'demo', 'corpus');

async function fresh(name: string, paths: string[]): Promise<Store> {
  const store = await Store.open({ db: join(root, `${name}.db`) });
  await ingest(paths, store, {}, { workers: 'never' });
  return store;
}

const byFile = (doc: ExportDocument, prefix: string) => doc.articles.find((a) => a.input.split('/').pop()!.startsWith(prefix))!;
const storyOfFile = (doc: ExportDocument, prefix: string) => byFile(doc, prefix).storyId;

test('the demo corpus groups by story: French and English reports of one story together, others apart', async () => {
  const store = await fresh('demo', [demo]);
  const doc = await store.export();
  const veltrane = storyOfFile(doc, '01-');
  for (const f of ['02-', '03-', '04-', '05-', '06-', '08-', '09-', '10-']) assert.equal(storyOfFile(doc, f), veltrane, f);
  assert.notEqual(storyOfFile(doc, '11-'), veltrane);
  // The shopkeepers' follow-up (12) shares little but names with the tram delay (11, 13): it joins.
  assert.equal(storyOfFile(doc, '12-'), storyOfFile(doc, '11-'));
  assert.equal(storyOfFile(doc, '13-'), storyOfFile(doc, '11-'));
  assert.notEqual(storyOfFile(doc, '14-'), veltrane);
  assert.notEqual(storyOfFile(doc, '14-'), storyOfFile(doc, '11-'));
  const story = doc.stories.find((s) => s.id === veltrane)!;
  assert.equal(story.sourceCount, 10, 'the syndicated copy counts once');
  assert.ok(story.languages.fr! > 0 && story.languages.en! > 0);
  // The syndicated copy (other clutter, same report) is a duplicate of the original, with evidence.
  const copy = byFile(doc, '10-');
  assert.equal(copy.duplicateOf, byFile(doc, '01-').id);
  assert.ok(copy.duplicateEvidence && copy.duplicateEvidence.similarity >= 0.45);
  await store.close();
});

test('a shortened republication is a near-duplicate, found by MinHash', async () => {
  const dir = join(root, 'near');
  cpSync(join(demo, '06-gazette-numerique-lettre-salaries.txt'), join(dir, 'a.txt'));
  const text = readFileSync(join(dir, 'a.txt'), 'utf8');
  const paras = text.split('\n\n');
  // Another site: different clutter, the last paragraphs dropped, a sentence reworded.
  writeFileSync(join(dir, 'b.txt'), ['Accueil | Tech | Emploi', ...paras.slice(2, Math.ceil(paras.length * 0.7)).map((p) => p.replace('Selon', 'D’après')), 'Abonnez-vous à notre lettre'].join('\n\n'));
  const store = await fresh('near', [dir]);
  const doc = await store.export();
  const b = doc.articles.find((x) => x.input.endsWith('b.txt'))!;
  assert.equal(b.duplicateOf, doc.articles.find((x) => x.input.endsWith('a.txt'))!.id);
  assert.equal(b.duplicateEvidence?.method, 'minhash');
  await store.close();
});

test('a new version at the same URL is tracked as a version, with what changed, in the same story', async () => {
  const dir = join(root, 'versions');
  mkdirSync(dir);
  const url = 'https://news.example/2026/03/port-greve';
  const v1 = { title: 'Grève au port de Brest-Nord : les dockers bloquent les quais', url, publishedAt: '2026-03-02T08:00:00Z', text: 'Les dockers du port de Brest-Nord ont cessé le travail lundi matin pour réclamer une hausse de salaire.\n\nLa direction du port dit attendre la fin du mouvement avant toute négociation.' };
  const v2 = { ...v1, title: 'Grève au port de Brest-Nord : accord trouvé dans la soirée', text: `${v1.text}\n\nMise à jour : un accord a été signé dans la soirée, la reprise du travail est prévue mardi.` };
  writeFileSync(join(dir, 'v1.json'), JSON.stringify(v1), { flag: 'w' });
  const store = await Store.open({ db: join(root, 'versions.db') });
  await ingest([join(dir, 'v1.json')], store);
  writeFileSync(join(dir, 'v2.json'), JSON.stringify(v2));
  await ingest([join(dir, 'v2.json')], store);
  const doc = await store.export();
  const [a, b] = [doc.articles.find((x) => x.input.endsWith('v1.json'))!, doc.articles.find((x) => x.input.endsWith('v2.json'))!];
  assert.equal(b.versionOf, a.id);
  assert.deepEqual({ ...b.changes, similarity: undefined }, { titleChanged: true, paragraphsAdded: 1, paragraphsRemoved: 0, similarity: undefined });
  assert.equal(b.storyId, a.storyId);
  assert.equal(b.duplicateOf, null);
  assert.equal(doc.stories.find((s) => s.id === a.storyId)!.sourceCount, 1, 'a version is not a new source');
  await store.close();
});

test('merge, split and move survive re-ingestion and a full recluster', async () => {
  const store = await fresh('decisions', [demo]);
  let doc = await store.export();
  const tram = [storyOfFile(doc, '11-')!, storyOfFile(doc, '12-')!, storyOfFile(doc, '13-')!];
  const trams = [...new Set(tram)];
  // Merge whatever tram stories there are, and the football story with them (a person's choice).
  const football = storyOfFile(doc, '14-')!;
  await mergeStories(store.stories, trams[0]!, [...trams.slice(1), football]);
  doc = await store.export();
  assert.equal(new Set(['11-', '12-', '13-', '14-'].map((f) => storyOfFile(doc, f))).size, 1);
  // Split football out again, and move the English tram report to the Veltrane story.
  const veltrane = storyOfFile(doc, '01-')!;
  const footballId = byFile(doc, '14-').id;
  const split = await splitStory(store.stories, trams[0]!, [footballId]);
  await moveArticle(store.stories, byFile(doc, '13-').id, veltrane);
  const expect = (d: ExportDocument): void => {
    assert.equal(storyOfFile(d, '14-'), split);
    assert.equal(storyOfFile(d, '11-'), storyOfFile(d, '12-'));
    assert.notEqual(storyOfFile(d, '11-'), split);
    assert.equal(storyOfFile(d, '13-'), storyOfFile(d, '01-'));
  };
  expect(await store.export());
  await ingest([demo], store); // re-ingestion changes nothing
  expect(await store.export());
  await recluster(store.stories);
  doc = await store.export();
  expect(doc);
  // Every article still has a live story, and story counts add up.
  const live = new Set(doc.stories.map((s) => s.id));
  for (const a of doc.articles) assert.ok(live.has(a.storyId!), `${a.input} has a live story`);
  assert.equal(doc.stories.reduce((n, s) => n + s.articleIds.length, 0), doc.articles.length);
  await store.close();
});

test('a story that tells two stories is flagged for a split, with the two groups', async () => {
  const store = await fresh('splits', [demo]);
  const doc = await store.export();
  const veltrane = storyOfFile(doc, '01-')!;
  const trams = [...new Set(['11-', '12-', '13-'].map((f) => storyOfFile(doc, f)!))];
  assert.deepEqual(await detectSplits(store.stories), [], 'nothing to split at first');
  await mergeStories(store.stories, veltrane, trams);
  const [flag] = await detectSplits(store.stories);
  assert.equal(flag?.storyId, veltrane);
  const tramIds = new Set(['11-', '12-', '13-'].map((f) => byFile(doc, f).id));
  const [g1, g2] = flag!.groups;
  assert.ok([g1, g2].some((g) => g.length === tramIds.size && g.every((id) => tramIds.has(id))), 'one group is exactly the tram articles');
  await store.close();
});

test('unknown stories and articles are refused with the reason', async () => {
  const store = await fresh('errors', [join(demo, '14-northern-touchline-aldermoor-manager.txt')]);
  await assert.rejects(mergeStories(store.stories, 'nope', []), /no story nope/);
  const doc = await store.export();
  await assert.rejects(moveArticle(store.stories, 'nope', doc.stories[0]!.id), /no article nope/);
  await assert.rejects(splitStory(store.stories, doc.stories[0]!.id, [doc.articles[0]!.id]), /some, not all/);
  await store.close();
});

// Dedupe and clustering keep their lookups in memory (store/working-set.ts); the database stays
// the truth: a new process resumes from it, and a process notices what another one wrote.
test('a restarted process and a second writer work from what is stored, not from stale memory', async () => {
  const dir = join(root, 'resume');
  const [base, later] = [join(dir, 'base'), join(dir, 'later')];
  mkdirSync(base, { recursive: true });
  mkdirSync(later, { recursive: true });
  for (const f of readdirSync(demo)) if (!f.startsWith('08-') && !f.startsWith('10-')) cpSync(join(demo, f), join(base, f));
  // Syndicated copies: the same report, its last paragraphs cut, another site's clutter around.
  const copyOf = (f: string, name: string): string => {
    const path = join(later, name);
    const paras = readFileSync(join(demo, f), 'utf8').split(/\n\s*\n/u);
    const last = paras.findLastIndex((p) => p.length > 300); // the last paragraph of the report
    writeFileSync(path, `Accueil | Économie\n\n${paras.filter((_, i) => i !== last).join('\n\n')}\n\nPartagez cet article`);
    return path;
  };
  const db = join(root, 'resume.db');
  let store = await Store.open({ db });
  await ingest([base], store, {}, { workers: 'never' });
  await store.close();

  // A restart: the working set is rebuilt from the file, and finds the stored original.
  store = await Store.open({ db });
  await ingest([copyOf('01-courrier-eco-veltrane-limoge-sa-pdg.txt', 'copy-01.txt')], store, {}, { workers: 'never' });
  // Meanwhile a second writer adds a report; the first handle must not write over it from memory.
  const other = await Store.open({ db });
  await ingest([join(demo, '08-courrier-eco-retour-de-vollmer.txt')], other, {}, { workers: 'never' });
  await other.close();
  await ingest([copyOf('08-courrier-eco-retour-de-vollmer.txt', 'copy-08.txt')], store, {}, { workers: 'never' });

  const doc = await store.export();
  const a = (p: string) => doc.articles.find((x) => x.input.endsWith(p))!;
  assert.equal(a('copy-01.txt').duplicateOf, a('01-courrier-eco-veltrane-limoge-sa-pdg.txt').id, 'the copy finds its original stored by an earlier process');
  assert.equal(a('copy-01.txt').duplicateEvidence?.method, 'minhash', 'by its signature, read back from the database');
  assert.equal(a('copy-01.txt').storyId, a('01-courrier-eco-veltrane-limoge-sa-pdg.txt').storyId);
  assert.equal(a('copy-08.txt').duplicateOf, a('08-courrier-eco-retour-de-vollmer.txt').id, 'the copy finds an original the other writer stored');
  assert.equal(a('copy-08.txt').duplicateEvidence?.method, 'minhash');
  assert.equal(a('copy-08.txt').storyId, a('08-courrier-eco-retour-de-vollmer.txt').storyId);
  // Every story's counts are those of its members: nothing was counted from stale memory.
  for (const s of doc.stories) {
    const members = doc.articles.filter((x) => x.storyId === s.id);
    assert.equal(Object.values(s.languages).reduce((x, y) => x + y, 0), members.length, `articles of ${s.title}`);
    assert.equal(s.sourceCount, members.filter((x) => !x.duplicateOf && !x.versionOf).length, `sources of ${s.title}`);
  }
  await store.close();
});

/** Document frequencies as stored. */
async function storedDf(db: string): Promise<Map<string, number>> {
  const store = await Store.open({ db });
  const { rows } = await store.stories.termFrequencies();
  await store.close();
  return new Map(rows.map((r) => [r.term, r.df]));
}

/** Document frequencies recounted from articles (more terms than the working set's first
 * allocation holds, so that its growth is exercised). */
function recounted(articles: Array<{ title: string; text: string }>): Map<string, number> {
  const df = new Map<string, number>();
  for (const a of articles) for (const t of termCounts(a.title, a.text).keys()) df.set(t, (df.get(t) ?? 0) + 1);
  assert.ok(df.size > 1024, `${df.size} terms`);
  return df;
}

test('document frequencies are written when the store closes, and counted once', async () => {
  const db = join(root, 'df.db');
  const docs = async (): Promise<number> => {
    const s = await Store.open({ db });
    const { df, docs } = await s.stories.termFrequenciesOf(['veltrane']);
    await s.close();
    return docs * 1000 + (df.get('veltrane') ?? 0);
  };
  let store = await Store.open({ db });
  await ingest([demo], store, {}, { workers: 'never' });
  const originals = (await store.export()).articles.filter((a) => !a.duplicateOf && !a.versionOf);
  await store.close();
  const withVeltrane = originals.filter((a) => /veltrane/iu.test(`${a.title} ${a.text}`)).length;
  assert.equal(await docs(), originals.length * 1000 + withVeltrane, 'every original counted, once');
  assert.deepEqual(await storedDf(db), recounted(originals));
  store = await Store.open({ db });
  await ingest([demo], store, {}, { workers: 'never' }); // unchanged inputs: nothing to count
  await store.close();
  assert.equal(await docs(), originals.length * 1000 + withVeltrane);
});

const day = 86_400_000;
const t0 = Date.UTC(2024, 0, 1);

/** A story index alone, articles for it, and stories opened in it by one article each. */
function indexWithStories() {
  const index = new StoryIndex();
  const input = (id: string, time: number, terms: string[]) => ({
    id, time, lookup: terms.map((t) => vocabulary.intern(t)), vector: Vector.of(terms.map((t) => [t, 1 / Math.sqrt(terms.length)])),
    language: 'en', title: id, lede: id, ingestedAt: new Date(t0).toISOString(), copy: false,
  });
  const open = (id: string, time: number, terms: string[]) => {
    const s = newStory(id, input(id, time, terms), 'now');
    index.add(s);
    index.absorb(s, input(id, time, terms), 1, 'now');
    return s;
  };
  return { index, input, open };
}

test('stories past the time horizon leave the lookup index, and are never looked up for a later article', () => {
  const { index, open } = indexWithStories();
  open('old', t0, ['veltrane', 'harbour']);
  open('live', t0 + 100 * day, ['veltrane', 'strike']);
  // Within the horizon of both: both are candidates.
  assert.deepEqual(index.lookup(['veltrane'], t0 + 50 * day).sort(), ['live', 'old']);
  // An article more than the horizon after the old story: only the live one, before any pruning …
  const later = t0 + (HORIZON_DAYS + 20) * day;
  assert.deepEqual(index.lookup(['veltrane', 'harbour'], later), ['live']);
  // … and once the stream has moved there, the old story leaves the term lists and its state goes.
  index.advance(later);
  assert.deepEqual(index.storiesOf('harbour'), []);
  assert.deepEqual(index.storiesOf('veltrane'), ['live']);
  assert.equal(index.stories.has('old'), false);
  assert.equal(index.stories.has('live'), true);
  // An undated article still finds the live story; nothing is pruned by an article without a date.
  assert.deepEqual(index.lookup(['veltrane'], null), ['live']);
});

test('within the window, a dated article joins a story below JOIN by names they share, not by ordinary words, nor undated or later', () => {
  const { index, input, open } = indexWithStories();
  open('tram', t0, ['t4', 'metropole', 'fontanel', 'gerald', 'tram', 'delay', 'viaduct', 'signalling', 'cost', 'september']);
  // A follow-up about another angle: 4 of its 30 terms in common with the story (cosine 0.23).
  const own = Array.from({ length: 26 }, (_, i) => `other${i}`);
  const article = (time: number | null, shared: string[], names: string[]) => ({ ...input('a', time ?? 0, [...shared, ...own]), time, names: names.map((t) => vocabulary.intern(t)) });
  const joins = (a: ReturnType<typeof article>) => index.candidates(a).map((c) => c.story.id);
  assert.deepEqual(joins(article(t0 + 5 * day, ['t4', 'metropole', 'fontanel', 'gerald'], ['t4', 'metropole', 'fontanel', 'gerald', 'other0'])), ['tram']);
  // The same cosine from words that are not names in the article, or from too few names: apart.
  assert.deepEqual(joins(article(t0 + 5 * day, ['t4', 'metropole', 'fontanel', 'gerald'], [])), []);
  assert.deepEqual(joins(article(t0 + 5 * day, ['t4', 'metropole', 'fontanel', 'gerald'], ['t4', 'metropole'])), []);
  // Undated, or past the window: the plain cosine only.
  assert.deepEqual(joins(article(null, ['t4', 'metropole', 'fontanel', 'gerald'], ['t4', 'metropole', 'fontanel', 'gerald'])), []);
  assert.deepEqual(joins(article(t0 + 30 * day, ['t4', 'metropole', 'fontanel', 'gerald'], ['t4', 'metropole', 'fontanel', 'gerald'])), []);
});

test('an article looked up twice gets the same stories unless one of its terms changed between; slots of stories gone serve new ones', () => {
  const { index, input, open } = indexWithStories();
  open('quay', t0, ['veltrane', 'harbour']);
  const article = input('x', t0 + day, ['veltrane', 'strike']);
  assert.deepEqual(index.lookupFor(article), ['quay']);
  // A story on a term the article does not look up by changes nothing for it …
  open('other', t0, ['glacier', 'survey']);
  assert.deepEqual(index.lookupFor(article), ['quay']);
  // … one on its terms does, even a term that led nowhere at the first lookup.
  open('strike', t0 + day, ['strike', 'union']);
  assert.deepEqual(index.lookupFor(article).sort(), ['quay', 'strike']);
  // Once the stream has moved a horizon on, the three leave the lists; stories opened then take
  // their slots and are found by their own terms only.
  const later = t0 + (HORIZON_DAYS + 30) * day;
  index.advance(later);
  assert.deepEqual(index.lookupFor(article), []);
  open('dock', later, ['veltrane', 'dock']);
  open('ice', later, ['glacier', 'melt']);
  assert.deepEqual(index.lookup(['veltrane'], later), ['dock']);
  assert.deepEqual(index.lookup(['glacier'], later), ['ice']);
  assert.deepEqual(index.lookup(['harbour', 'strike', 'survey'], later), []);
  assert.deepEqual(index.lookupFor({ ...article, time: later }), ['dock']);
});

test('a centroid keeps the strongest terms of what it absorbed, in place, by term id', () => {
  const { index, input } = indexWithStories();
  // Articles with overlapping terms and uneven weights, so that terms fall out and come back.
  let seed = 7;
  const random = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
  const articles = Array.from({ length: 30 }, (_, i) => {
    const a = input(`a${i}`, t0, []);
    const terms = new Map(Array.from({ length: 40 }, () => [`w${Math.floor(random() * 150)}`, random()] as [string, number]));
    return { ...a, vector: Vector.of(terms), terms };
  });
  const s = newStory('s', articles[0]!, 'now');
  index.add(s);
  const ids = s.centroid.ids;
  // The same by hand, with maps: add, then keep the STORY_TERMS strongest.
  const expected = new Map<string, number>();
  for (const a of articles) {
    index.absorb(s, a, 0.5, 'now');
    for (const [t, w] of a.terms) expected.set(t, (expected.get(t) ?? 0) + w);
    const keep = [...expected].sort((x, y) => y[1] - x[1]).slice(0, STORY_TERMS);
    expected.clear();
    for (const [t, w] of keep) expected.set(t, w);
  }
  assert.equal(s.centroid.size, STORY_TERMS);
  assert.equal(s.centroid.ids, ids, 'updated in place');
  const got = new Map(s.centroid);
  assert.deepEqual([...got.keys()].sort(), [...expected.keys()].sort());
  for (const [t, w] of expected) assert.ok(Math.abs(got.get(t)! - w) < 1e-12, t);
  assert.deepEqual([...s.centroid.ids.subarray(0, s.centroid.size)], [...s.centroid.ids.subarray(0, s.centroid.size)].sort((x, y) => x - y));
  // Its norm and its dot product with a vector are those of the maps.
  const v = articles[3]!;
  let byHand = 0;
  for (const [t, w] of v.terms) byHand += w * (expected.get(t) ?? 0);
  assert.ok(Math.abs(dot(v.vector, s.centroid) - byHand) < 1e-12);
  assert.ok(Math.abs(s.centroid.norm() - Math.hypot(...expected.values())) < 1e-12);
  // The terms that lead to it are its strongest.
  assert.deepEqual(strongest(s.centroid).map((id) => vocabulary.terms[id]), [...expected].sort((x, y) => y[1] - x[1]).slice(0, INDEX_TERMS).map(([t]) => t));
});

test('articles arriving one at a time into a young store find their story (the same grouping as one run)', async () => {
  const store = await Store.open({ db: join(root, 'one-at-a-time.db') });
  for (const f of readdirSync(demo).sort()) await ingest([join(demo, f)], store, {}, { workers: 'never' });
  const doc = await store.export();
  await store.close();
  // Every term counted: the story index gives terms their ids between chunks' counts.
  assert.deepEqual(await storedDf(join(root, 'one-at-a-time.db')), recounted(doc.articles.filter((a) => !a.duplicateOf && !a.versionOf)));
  const veltrane = storyOfFile(doc, '01-');
  for (const f of ['02-', '03-', '04-', '05-', '06-', '08-', '09-', '10-']) assert.equal(storyOfFile(doc, f), veltrane, f);
  // The same partition as one run gives.
  const batch = await fresh('one-run', [demo]);
  const partition = (d: ExportDocument) => {
    const byStory = new Map<string | null, string[]>();
    for (const a of d.articles) (byStory.get(a.storyId) ?? byStory.set(a.storyId, []).get(a.storyId)!).push(a.input.split('/').pop()!);
    return [...byStory.values()].map((g) => g.sort().join(' ')).sort();
  };
  assert.deepEqual(partition(doc), partition(await batch.export()));
  await batch.close();
});

test('document frequencies not yet written survive another writer reloading the working set', async () => {
  const db = join(root, 'df-two-writers.db');
  const dir = join(root, 'df-two-writers');
  const [first, second] = [join(dir, 'first'), join(dir, 'second')];
  mkdirSync(first, { recursive: true });
  mkdirSync(second, { recursive: true });
  for (const f of readdirSync(demo)) if (!f.startsWith('08-')) cpSync(join(demo, f), join(f < '05-' ? first : second, f));
  const store = await Store.open({ db });
  const pipeline = new Pipeline(store);
  await pipeline.ingest([first], {}, { workers: 'never' }); // counted, pending (not yet written)
  const other = await Store.open({ db });
  await ingest([join(demo, '08-courrier-eco-retour-de-vollmer.txt')], other, {}, { workers: 'never' });
  await other.close(); // writes its own counts and moves the grouping generation
  await pipeline.ingest([second], {}, { workers: 'never' }); // reloads, carrying what is pending
  const originals = (await store.export()).articles.filter((a) => !a.duplicateOf && !a.versionOf);
  await pipeline.close();
  await store.close();
  const check = await Store.open({ db });
  const { df, docs } = await check.stories.termFrequenciesOf(['veltrane']);
  await check.close();
  assert.equal(docs, originals.length, 'every original counted once');
  assert.equal(df.get('veltrane'), originals.filter((a) => /veltrane/iu.test(`${a.title} ${a.text}`)).length);
});

test('the vocabulary gives each term one id, stable as it grows, and finds only terms it was given', () => {
  const v = new Vocabulary();
  // Enough terms to grow the table many times; similar strings, as a stream's terms are.
  const terms = Array.from({ length: 200_000 }, (_, i) => (i % 3 ? `terme${i}` : `#${i * 7}`));
  const ids = terms.map((t) => v.intern(t));
  assert.equal(new Set(ids).size, terms.length);
  assert.deepEqual(ids.slice(0, 5), [0, 1, 2, 3, 4]);
  terms.forEach((t, i) => assert.equal(v.find(t), ids[i]));
  assert.equal(v.intern('terme1'), ids[1]);
  assert.equal(v.find('absent'), -1);
  assert.equal(v.find(''), -1);
  assert.equal(v.terms[ids[12_345]!], terms[12_345]);
});

test('the working set counts every term, whichever of its parts gave the term its id first', () => {
  const ws = new WorkingSet();
  // Story states share the vocabulary: stories indexed first give 1,600 terms their ids.
  for (let i = 0; i < 100; i++) {
    const s = newStory(`s${i}`, { id: `a${i}`, vector: new Vector(), lookup: [], time: null, language: 'en', title: '', lede: '', ingestedAt: '2026-01-01T00:00:00Z', copy: false }, '2026-01-01T00:00:00Z');
    s.centroid = Vector.of(Array.from({ length: INDEX_TERMS }, (_, j) => [`story${i}term${j}`, 1 + j]));
    ws.index.add(s);
  }
  // Then counts for terms the index never saw (ids past the counts' first allocation).
  const counts = new Map(Array.from({ length: 3000 }, (_, i) => [`counted${i}`, 1 + (i % 7)]));
  const ids = [...counts].flatMap(([t, n]) => Array<number>(n).fill(vocabulary.intern(t)));
  const chunk = { ids, docs: 10 };
  assert.deepEqual(ws.chunkRows(chunk).rows.find(([t]) => t === 'counted2999'), ['counted2999', counts.get('counted2999')], 'the chunk\'s log entry');
  ws.committed([], chunk, false, false);
  for (const [t, n] of counts) assert.equal(ws.frequency(t), n, t);
  assert.equal(ws.frequency('story3term4'), 0);
  // Folded later with the next chunk's counts: 4,096 documents are due at once.
  const fold = ws.foldWith({ ids: [vocabulary.intern('counted2999')], docs: 4096 });
  assert.deepEqual(fold?.rows.find(([t]) => t === 'counted2999'), ['counted2999', counts.get('counted2999')! + 1]);
  assert.equal(fold?.docs, 4106);
});

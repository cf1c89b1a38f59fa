// What must hold of a store whatever happened to the processes writing it (a kill -9 mid-chunk,
// several writers at once): every article whole and in a live story, each input once with its
// article, every derived count equal to a full recount from the articles (document frequencies
// and the number of documents counted, story sizes and sources), and the engine's own integrity
// check clean. The crash test and benchmark check it after every restart; `storyline verify` runs
// it on demand. It reads the whole store: minutes at a million articles.
import type { Store } from '../store/index.ts';
import { termCounts } from '../stories/index.ts';

export async function verifyStore(store: Store): Promise<string[]> {
  const problems = (await store.integrityCheck()).map((p) => `integrity: ${p}`);
  const counts = await store.pages.counts();
  // While `storyline reprocess` runs, inputs get their articles back one chunk at a time.
  if (counts.inputs !== counts.articles && !(await store.ingest.reprocessing())) problems.push(`${counts.inputs} inputs stored but ${counts.articles} articles: every input is one article`);
  const articles = await store.pages.articles();
  const stories = await store.pages.allStories();
  const live = new Map(stories.map((s) => [s.id, s]));
  const byId = new Map(articles.map((a) => [a.id, a]));
  for (const a of articles) {
    if (!a.storyId || !live.has(a.storyId)) problems.push(`article ${a.id} (${a.input}) is in no live story (${a.storyId})`);
    if (a.duplicateOf && !byId.has(a.duplicateOf)) problems.push(`article ${a.id} copies ${a.duplicateOf}, which is not stored`);
  }
  for (const s of stories) {
    const members = s.articleIds.map((id) => byId.get(id)!);
    const size = Object.values(s.languages).reduce((x, y) => x + y, 0);
    if (size !== members.length) problems.push(`story ${s.id} counts ${size} articles but has ${members.length}`);
    const sources = members.filter((m) => !m.duplicateOf && !m.versionOf).length;
    if (s.sourceCount !== sources) problems.push(`story ${s.id} counts ${s.sourceCount} sources but has ${sources}`);
  }
  // Document frequencies: each original's distinct terms, once (copies say nothing new).
  const recount = new Map<string, number>();
  let docs = 0;
  for (const a of articles) {
    if (a.duplicateOf || a.versionOf) continue;
    docs++;
    for (const t of termCounts(a.title, a.text).keys()) recount.set(t, (recount.get(t) ?? 0) + 1);
  }
  const stored = await store.stories.termFrequencies();
  if (stored.docs !== docs) problems.push(`frequencies count ${stored.docs} documents, the store holds ${docs} originals`);
  const storedDf = new Map(stored.rows.map((r) => [r.term, r.df]));
  let wrong = 0;
  let example = '';
  for (const t of new Set([...recount.keys(), ...storedDf.keys()])) {
    if ((recount.get(t) ?? 0) === (storedDf.get(t) ?? 0)) continue;
    if (!wrong++) example = `"${t}": stored ${storedDf.get(t) ?? 0}, recounted ${recount.get(t) ?? 0}`;
  }
  if (wrong) problems.push(`${wrong} document frequencies differ from a recount (${example})`);
  return problems;
}

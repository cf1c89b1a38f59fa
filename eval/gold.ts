// A story's gold file checked on what the real pipeline makes of its corpus: one format and one
// set of checks for any (corpus, gold) pair. The format is ../shared/eval/seeds/gold.json's;
// eval/stories/*/gold.json add to it (README of each story says what): body_last_any,
// stories.unrelated and stories.duplicates, organisations with aliases, places_soft,
// distinct_persons, soft role states, events whose type may be a list of acceptable types,
// whose organisation may be null, and which may contradict others.
//
// Five parts, each made of "must" checks (hard) and "soft" ones (quality targets, counted):
//   articles  extraction: title, authors, date, body bounds, clutter left out (the export);
//   stories   grouping: the story's articles together, unrelated ones apart, copies found;
//   entities, roles, events
//             the story's articles analysed as ONE story by analyzeStory, whatever the pipeline's
//             grouping did (that is the stories part), less the copies the pipeline found (the
//             stored analysis leaves them out too), in the order the store keeps them.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fold } from '../src/text/unicode.ts';
import { Pipeline } from '../src/pipeline/index.ts';
import { Store, type ExportArticle, type ExportDocument } from '../src/store/index.ts';
import { analyzeStory, roleHolder, type StoryAnalysis } from '../src/timeline/index.ts';
import type { ExportEntity, ExportEvent, StoryArticle } from '../src/types.ts';
import type { Article } from '../src/types.ts';

export type Part = 'articles' | 'stories' | 'entities' | 'roles' | 'events';
export const PARTS: readonly Part[] = ['articles', 'stories', 'entities', 'roles', 'events'];

export interface Check {
  part: Part;
  name: string;
  hard: boolean;
  ok: boolean;
  detail: string;
  /** The article a check is about (articles part). */
  article?: string;
}

export interface GoldArticle {
  title: string;
  authors: string[];
  published: string | null;
  url?: string;
  language: string;
  site_soft?: string;
  subtitle_soft?: string;
  tags_soft?: string[];
  lede_soft?: string;
  body_first?: string;
  body_first_any?: string[];
  body_last?: string;
  body_last_any?: string[];
  body_must_contain_once?: string[];
  body_must_not_contain?: string[];
  soft_repairs?: { must_not_contain?: string[]; headings?: string[] };
}

export interface GoldEvent {
  id: string;
  type: string | string[];
  who: string;
  organization: string | null;
  role?: string;
  interim?: boolean;
  date: [string, string];
  date_may_be_unknown?: boolean;
  sources_min: string[];
  sources_all: string[];
  status?: string;
  superseded_by?: string;
  contradicts?: string[];
  soft?: boolean;
}

export type GoldOrganization = string | { name: string; aliases: string[] };

export interface Gold {
  articles?: Record<string, GoldArticle>;
  stories?: { story_articles: string[]; unrelated?: string[]; duplicates?: Record<string, string> };
  entities?: {
    persons: { name: string; aliases: string[] }[];
    distinct_persons?: [string, string][];
    organizations: GoldOrganization[];
    organizations_soft?: string[];
    products_soft?: string[];
    places_soft?: string[];
    must_not_be_entities: string[];
  };
  roles?: { states: { organization: string; role: string; at: string; holder: string; interim?: boolean; soft?: boolean }[] };
  events?: GoldEvent[];
}

export function readGold(path: string): Gold {
  return JSON.parse(readFileSync(path, 'utf8')) as Gold;
}

/** An article's key in a gold file: its file name, `file#line` for a record of a JSON Lines file. */
export const articleKey = (a: { input: string }): string => basename(a.input);

// ── articles ────────────────────────────────────────────────────────────────────────────────

/** Spaces of every width as one: gold strings are written with ordinary spaces. */
const norm = (s: string): string => s.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim();
const count = (hay: string, needle: string): number => hay.split(needle).length - 1;

/** A publication date matches at the precision the gold writes: with an offset the instants
 * must be equal; without one, the wall-clock reading must begin with the gold's. */
export function samePublished(gold: string | null, got: string | null | undefined): boolean {
  if (gold === null) return !got;
  if (!got) return false;
  const zoned = /(?:[zZ]|[+-]\d\d:?\d\d)$/;
  if (zoned.test(gold)) return zoned.test(got) && Date.parse(gold) === Date.parse(got);
  return got.replace(' ', 'T').startsWith(gold);
}

export function checkArticle(key: string, gold: GoldArticle, a: ExportArticle | undefined): Check[] {
  const out: Check[] = [];
  const add = (name: string, hard: boolean, ok: boolean, detail = ''): void => void out.push({ part: 'articles', article: key, name, hard, ok, detail });
  if (!a) {
    add('present', true, false, 'no article for this input');
    return out;
  }
  const text = norm(a.text);
  add('title', true, norm(a.title) === norm(gold.title), `got ${JSON.stringify(a.title)}`);
  add('authors', true, JSON.stringify(a.authors.map(norm).sort()) === JSON.stringify(gold.authors.map(norm).sort()), `got ${JSON.stringify(a.authors)}`);
  add('published', true, samePublished(gold.published, a.publishedAt), `got ${a.publishedAt}`);
  if (gold.url) add('url', true, a.url === gold.url, `got ${a.url}`);
  add('language', true, a.language === gold.language, `got ${a.language}`);
  const firsts = gold.body_first ? [gold.body_first] : (gold.body_first_any ?? []);
  if (firsts.length) add('body_first', true, firsts.some((f) => text.startsWith(norm(f))), `starts ${JSON.stringify(text.slice(0, 60))}`);
  const lasts = gold.body_last ? [gold.body_last] : (gold.body_last_any ?? []);
  if (lasts.length) add('body_last', true, lasts.some((l) => text.endsWith(norm(l))), `ends ${JSON.stringify(text.slice(-60))}`);
  for (const s of gold.body_must_contain_once ?? []) add(`contains once: ${s}`, true, count(text, norm(s)) === 1, `found ${count(text, norm(s))} times`);
  for (const s of gold.body_must_not_contain ?? []) add(`not: ${s}`, true, !text.includes(norm(s)), 'present in body');
  if (gold.site_soft) add('site', false, !!a.site && norm(a.site) === norm(gold.site_soft), `got ${a.site}`);
  if (gold.subtitle_soft) add('subtitle', false, !!a.subtitle && norm(a.subtitle) === norm(gold.subtitle_soft), `got ${a.subtitle}`);
  for (const t of gold.tags_soft ?? []) add(`tag: ${t}`, false, a.tags.includes(t), `got ${JSON.stringify(a.tags)}`);
  if (gold.lede_soft) add('lede', false, text.startsWith(norm(gold.lede_soft)) || (!!a.subtitle && norm(a.subtitle) === norm(gold.lede_soft)), 'lede not first');
  for (const s of gold.soft_repairs?.must_not_contain ?? []) add(`repaired: ${s}`, false, !text.includes(norm(s)), 'still glued');
  for (const h of gold.soft_repairs?.headings ?? []) add(`heading: ${h}`, false, a.blocks.some((b) => b.kind === 'h' && norm(b.text) === norm(h)), 'no such heading block');
  return out;
}

export function articleChecks(doc: { articles: ExportArticle[] }, gold: Gold): Check[] {
  const byKey = new Map(doc.articles.map((a) => [articleKey(a), a]));
  return Object.entries(gold.articles ?? {}).flatMap(([key, g]) => checkArticle(key, g, byKey.get(key)));
}

// ── stories ─────────────────────────────────────────────────────────────────────────────────

export function storyChecks(doc: { articles: ExportArticle[] }, gold: Gold): Check[] {
  const out: Check[] = [];
  const gs = gold.stories;
  if (!gs) return out;
  const add = (name: string, hard: boolean, ok: boolean, detail = ''): void => void out.push({ part: 'stories', name, hard, ok, detail });
  const byKey = new Map(doc.articles.map((a) => [articleKey(a), a]));
  const mine = gs.story_articles.map((k) => byKey.get(k));
  // The story is the one that holds most of the gold story's articles.
  const votes = new Map<string, number>();
  for (const a of mine) if (a?.storyId) votes.set(a.storyId, (votes.get(a.storyId) ?? 0) + 1);
  const story = [...votes.entries()].sort((x, y) => y[1] - x[1])[0]?.[0];
  const outside = gs.story_articles.filter((k) => !byKey.get(k) || byKey.get(k)!.storyId !== story);
  add(`the ${gs.story_articles.length} story articles form one story`, true, !!story && !outside.length, `outside: ${outside.join(', ')}`);
  for (const k of gs.unrelated ?? []) {
    const a = byKey.get(k);
    add(`unrelated: ${k} not in the story`, true, !!a && a.storyId !== story, a ? 'in the story' : 'absent');
    const along = a?.storyId ? (gs.unrelated ?? []).filter((o) => o !== k && byKey.get(o)?.storyId === a.storyId) : [];
    add(`unrelated: ${k} apart from the other unrelated articles`, false, !!a && !along.length, `with ${along.join(', ')}`);
  }
  const dups = gs.duplicates ?? {};
  for (const [copy, original] of Object.entries(dups)) {
    const c = byKey.get(copy), o = byKey.get(original);
    add(`duplicate: ${copy} is a copy of ${original}`, true, !!c && !!o && c.duplicateOf === o.id, c ? `duplicateOf ${c.duplicateOf ? articleKey(doc.articles.find((x) => x.id === c.duplicateOf) ?? { input: c.duplicateOf }) : 'null'}` : 'absent');
  }
  const wrong = gs.story_articles.filter((k) => !(k in dups) && byKey.get(k)?.duplicateOf);
  add('no other story article is a duplicate', true, !wrong.length, `marked duplicates: ${wrong.join(', ')}`);
  return out;
}

// ── entities, roles, events ─────────────────────────────────────────────────────────────────

const named = (e: ExportEntity, n: string): boolean => fold(e.name) === fold(n) || e.aliases.some((a) => fold(a) === fold(n));
const orgName = (o: GoldOrganization): string => (typeof o === 'string' ? o : o.name);

/** Every entity, role and event check of a gold file on one analysis; `keyOf` maps an article id to its gold key. */
export function timelineChecks(res: Pick<StoryAnalysis, 'entities' | 'events'>, gold: Gold, keyOf: (articleId: string) => string): Check[] {
  const out: Check[] = [];
  const add = (part: Part, name: string, hard: boolean, ok: boolean, detail = ''): void => void out.push({ part, name, hard, ok, detail });
  const find = (n: string, type?: string): ExportEntity | undefined => res.entities.find((e) => (!type || e.type === type) && named(e, n));
  const typeOf = (n: string): string => res.entities.find((e) => named(e, n))?.type ?? 'nothing';
  const ge = gold.entities;
  if (ge) {
    for (const p of ge.persons) {
      const e = find(p.name, 'person');
      const names = e ? [e.name, ...e.aliases].map(fold) : [];
      const missing = p.aliases.filter((a) => !names.includes(fold(a)));
      add('entities', `person ${p.name}${p.aliases.length ? ` (${p.aliases.join(', ')})` : ''}`, true, !!e && !missing.length, e ? `aliases lack ${missing.join(', ')}; got ${JSON.stringify(e.aliases)}` : 'no such person');
      if (e) add('entities', `person name ${p.name}`, false, e.name === p.name, `named ${e.name}`);
    }
    for (const [a, b] of ge.distinct_persons ?? []) {
      const ea = find(a, 'person'), eb = find(b, 'person');
      const ok = !!ea && !!eb && ea.id !== eb.id && !named(ea, b) && !named(eb, a);
      add('entities', `${a} and ${b} are two people`, true, ok, !ea || !eb ? `found ${ea?.name ?? '-'} / ${eb?.name ?? '-'}` : `merged or aliased: ${ea.name} ${JSON.stringify(ea.aliases)} / ${eb.name} ${JSON.stringify(eb.aliases)}`);
    }
    for (const o of ge.organizations) {
      const e = find(orgName(o), 'organization');
      const aliases = typeof o === 'string' ? [] : o.aliases;
      const missing = e ? aliases.filter((a) => !named(e, a)) : aliases;
      add('entities', `organization ${orgName(o)}${aliases.length ? ` (${aliases.join(', ')})` : ''}`, true, !!e && !missing.length, e ? `aliases lack ${missing.join(', ')}; got ${JSON.stringify(e.aliases)}` : `got ${typeOf(orgName(o))}`);
    }
    for (const o of ge.organizations_soft ?? []) add('entities', `organization ${o}`, false, !!find(o, 'organization'), `got ${typeOf(o)}`);
    for (const o of ge.products_soft ?? []) add('entities', `product ${o}`, false, !!find(o, 'product'), `got ${typeOf(o)}`);
    for (const o of ge.places_soft ?? []) add('entities', `place ${o}`, false, !!find(o, 'place'), `got ${typeOf(o)}`);
    for (const w of ge.must_not_be_entities) {
      const bad = res.entities.find((e) => named(e, w));
      add('entities', `not an entity: ${w}`, true, !bad, bad ? `entity ${bad.name} (${bad.type})` : '');
    }
  }

  for (const s of gold.roles?.states ?? []) {
    const h = roleHolder(res, s.organization, s.role, s.at);
    const holder = res.entities.find((e) => e.type === 'person' && named(e, s.holder));
    const ok = !!h && !!holder && h.entityId === holder.id && (s.interim === undefined || h.interim === s.interim);
    add('roles', `${s.role} of ${s.organization} at ${s.at}: ${s.holder}${s.interim ? ' (interim)' : ''}`, !s.soft, ok, h ? `got ${h.name}${h.interim ? ' (interim)' : ''}` : 'nobody');
  }

  const events = gold.events ?? [];
  // What an event says, against one gold event; references to other gold events (superseded_by,
  // contradicts) are checked against the events those matched on their own.
  const reasons = (g: GoldEvent, ev: ExportEvent): string[] => {
    const why: string[] = [];
    const who = res.entities.find((e) => named(e, g.who));
    const org = g.organization === null ? null : res.entities.find((e) => e.type === 'organization' && named(e, g.organization!));
    const types = Array.isArray(g.type) ? g.type : [g.type];
    if (!types.includes(ev.type)) why.push(`type ${ev.type}`);
    const subj = ev.participants.filter((p) => p.role === 'subject').map((p) => p.entityId);
    if (!who || !(subj.includes(who.id) || (who.type !== 'person' && ev.participants.some((p) => p.entityId === who.id)))) why.push('who');
    if (org !== null && (!org || !ev.participants.some((p) => p.entityId === org.id && (p.role === 'organization' || p.role === 'subject')))) why.push('organization');
    if (g.role && who) {
      const keys = new Set(ev.sources.map((s) => `${s.articleId}|${s.sentence}`));
      const st = who.roles.find((r) => r.role === g.role && r.organizationId === org?.id && (g.interim === undefined || r.interim === g.interim) && r.sources.some((s) => keys.has(`${s.articleId}|${s.sentence}`)));
      if (!st) why.push(`role ${g.role}${g.interim ? ' interim' : ''}`);
    }
    const [from, to] = g.date;
    const d = ev.date;
    const dateOk = d.start ? d.start.slice(0, 10) >= from && (d.end ?? d.start).slice(0, 10) <= to : !!g.date_may_be_unknown;
    if (!dateOk) why.push(`date ${d.start ?? 'unknown'}..${d.end ?? ''}`);
    const arts = new Set(ev.sources.map((s) => keyOf(s.articleId)));
    const lacking = g.sources_min.filter((k) => !arts.has(k));
    const extra = [...arts].filter((k) => !g.sources_all.includes(k));
    if (lacking.length) why.push(`sources lack ${lacking.join(',')}`);
    if (extra.length) why.push(`extra sources ${extra.join(',')}`);
    if (g.status && ev.status !== g.status) why.push(`status ${ev.status}`);
    return why;
  };
  const crossReasons = (g: GoldEvent, ev: ExportEvent, alone: Map<string, ExportEvent>): string[] => {
    const why: string[] = [];
    if (g.superseded_by && (!alone.has(g.superseded_by) || ev.supersededBy !== alone.get(g.superseded_by)!.id)) why.push('superseded_by');
    for (const c of g.contradicts ?? []) if (!alone.has(c) || !ev.contradicts.includes(alone.get(c)!.id)) why.push(`contradicts ${c}`);
    return why;
  };
  const nearest = (g: GoldEvent, score: (ev: ExportEvent) => string[]): { ev: ExportEvent; why: string[] } | null => {
    let best: { ev: ExportEvent; why: string[] } | null = null;
    for (const ev of res.events) {
      const why = score(ev);
      if (!best || why.length < best.why.length) best = { ev, why };
      if (!why.length) break;
    }
    return best;
  };
  // First each gold event on its own, then with its references to the events matched so.
  const alone = new Map<string, ExportEvent>();
  for (const g of events) {
    const best = nearest(g, (ev) => reasons(g, ev));
    if (best && !best.why.length) alone.set(g.id, best.ev);
  }
  for (const g of events) {
    const best = nearest(g, (ev) => [...reasons(g, ev), ...crossReasons(g, ev, alone)]);
    const ok = !!best && best.why.length === 0;
    add('events', `event ${g.id}`, !g.soft, ok, best ? `nearest: ${best.ev.summary} [${best.why.join('; ')}]` : 'no events');
  }
  return out;
}

// ── one corpus through the pipeline ─────────────────────────────────────────────────────────

/** Ingests the paths into a fresh SQLite file (deleted afterwards); the export and the stored articles. */
export async function ingestCorpus(paths: string[]): Promise<{ doc: ExportDocument; stored: Article[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'storyline-gold-'));
  try {
    const store = await Store.open({ db: join(dir, 'gold.db') });
    // As `storyline ingest` then `storyline export` do it: store and group, then the analysis stage
    // (which export runs for what ingest queued); then the export reads.
    const pipeline = new Pipeline(store);
    await pipeline.ingest(paths);
    await pipeline.analyse();
    await pipeline.close();
    const doc = await store.export();
    const stored = await store.pages.articles();
    await store.close();
    return { doc, stored };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The gold story's articles as analyzeStory takes them: originals only, in the store's order. */
export function storyArticles(stored: Article[], gold: Gold): StoryArticle[] {
  const keys = new Set(gold.stories?.story_articles ?? stored.map(articleKey));
  return stored
    .filter((a) => keys.has(articleKey(a)) && !a.duplicateOf)
    .map((a) => ({ id: a.id, title: a.title, text: a.text, language: a.language, publishedAt: a.publishedAt, publishedAtSource: a.publishedAtSource, ingestedAt: a.ingestedAt, url: a.url, site: a.site }));
}

export interface CorpusResult {
  checks: Check[];
  doc: ExportDocument;
  analysis: StoryAnalysis;
  /** Time to ingest, and to analyse the story. */
  ingestMs: number;
  analyzeMs: number;
}

/** Every check of a gold file on a corpus (files or folders) run through the real pipeline. */
export async function checkCorpus(paths: string[], gold: Gold): Promise<CorpusResult> {
  const t0 = performance.now();
  const { doc, stored } = await ingestCorpus(paths);
  const t1 = performance.now();
  const analysis = analyzeStory('gold-story', storyArticles(stored, gold));
  const analyzeMs = performance.now() - t1;
  const keys = new Map(stored.map((a) => [a.id, articleKey(a)]));
  const checks = [...articleChecks(doc, gold), ...storyChecks(doc, gold), ...timelineChecks(analysis, gold, (id) => keys.get(id) ?? id)];
  return { checks, doc, analysis, ingestMs: t1 - t0, analyzeMs };
}

/** Per part: must checks passed / must checks; and soft checks passed / soft checks overall. */
export function passRates(checks: Check[]): { must: Partial<Record<Part, { ok: number; n: number }>>; soft: { ok: number; n: number } } {
  const must: Partial<Record<Part, { ok: number; n: number }>> = {};
  for (const c of checks.filter((x) => x.hard)) {
    const m = (must[c.part] ??= { ok: 0, n: 0 });
    m.n++;
    if (c.ok) m.ok++;
  }
  const soft = checks.filter((c) => !c.hard);
  return { must, soft: { ok: soft.filter((c) => c.ok).length, n: soft.length } };
}

/** Report lines: a summary per part, then every failed check (every check when verbose). */
export function reportChecks(label: string, checks: Check[], verbose: boolean): string[] {
  const lines: string[] = [];
  for (const part of PARTS) {
    const c = checks.filter((x) => x.part === part);
    if (!c.length) continue;
    const hard = c.filter((x) => x.hard), soft = c.filter((x) => !x.hard);
    lines.push(`${label} ${part}: ${hard.filter((x) => x.ok).length}/${hard.length} must, ${soft.filter((x) => x.ok).length}/${soft.length} soft`);
  }
  for (const c of checks) if (!c.ok || verbose) lines.push(`  ${c.ok ? 'ok  ' : c.hard ? 'FAIL' : 'soft'} ${c.article ? `${c.article} ` : ''}${c.name}${c.ok ? '' : ` (${c.detail})`}`);
  return lines;
}

// People, organisations, places and products of one story, from the language core (nlp/).
//
//   per article (read.ts, cached)   sentences, tagged; names: the recogniser's spans trimmed,
//                                   joined and completed, each with its evidence (mentions.ts);
//                                   role labels tied to holders and organisations by the parse
//                                   of their sentence (roles.ts)
//   per story (resolve.ts)          mentions grouped into entities by name variants, each entity
//                                   typed by all its mentions' evidence (typing.ts); role labels
//                                   placed on those entities
//
// The per-article part is a pure function of the article: an LRU keeps it per article id and
// method version, so re-analysing a story that grew costs the story-level merge plus the new
// articles (bench/analysis.ts measures it).
import { config } from '../config.ts';
import type { StoryArticle } from '../types.ts';
import { Lru } from '../util/lru.ts';
import { articleSentences, METHOD_VERSION, readArticle } from './read.ts';
import { resolveEntities } from './resolve.ts';
import { attachChain, findChains } from './roles.ts';
import { floorBy, foldSame } from './text.ts';
import type { ArticleEntities, Entity, EntityAnalysis, Located, RoleCandidate, RoleMention } from './types.ts';

export type { ArticleEntities, Entity, EntityAnalysis, EntityType, Located, Mention, MentionCandidate, RoleMention } from './types.ts';
export { findChains } from './roles.ts';
export { floorBy, foldSame, shortHash } from './text.ts';
export { EXCLUSIVE_ROLES, ROLE_LABELS } from './vocab/roles.ts';
export { articleSentences, languageOf } from './read.ts';

const cache = new Lru<string, ArticleEntities>(config('analysisCacheArticles'));
const keyOf = (a: StoryArticle): string => `${a.id}|${a.language}|${a.text.length}|${METHOD_VERSION}`;

/** The cached per-article readings: how often they were reused (for the benchmark). */
export function readingCacheStats(): { hits: number; misses: number; size: number } {
  return { hits: cache.hits, misses: cache.misses, size: cache.size };
}

/** How many articles read from cold one analysis keeps the language core's sentences of (for the
 * events stage; beyond, the events stage reads again those its own cache lacks). */
const FRESH_MAX = 1000;

export function findEntities(articles: readonly StoryArticle[]): EntityAnalysis {
  const fresh = new Map<string, ReturnType<typeof articleSentences>>();
  const readings: ArticleEntities[] = articles.map((a) => {
    const k = keyOf(a);
    let r = cache.get(k);
    if (!r) {
      cache.set(k, (r = readArticle(a)));
      if (fresh.size < FRESH_MAX) fresh.set(a.id, articleSentences(a));
    }
    return r;
  });
  const { entities, entityOf } = resolveEntities(readings);
  const byId = new Map(entities.map((e) => [e.id, e]));
  const located = new Map<string, Located[]>();
  for (const r of readings) {
    const ids = entityOf.get(r.articleId)!;
    const list: Located[] = [];
    r.mentions.forEach((m, index) => {
      const id = ids[index];
      if (id) list.push({ start: m.start, end: m.end, entityId: id, type: byId.get(id)!.type, sentence: m.sentence, index });
    });
    list.sort((a, b) => a.start - b.start);
    located.set(r.articleId, list);
  }

  // Role labels on the story's entities: a holder must be a person, an organisation not one.
  const roles: RoleMention[] = [];
  for (const r of readings) {
    const ids = entityOf.get(r.articleId)!;
    let prev: RoleMention | null = null;
    for (const c of r.roles) {
      const at = c.holder ?? storyHolder(r, c, ids, byId);
      const holder = at !== null ? ids[at] ?? null : null;
      let org = c.org !== null ? ids[c.org] ?? null : null;
      if (org && byId.get(org)!.type === 'person') org = null;
      let cue = c.cue;
      // "le PDG de Microsoft, Satya Nadella, et le CTO Kevin Scott": coordinated labels share the organisation.
      if (!org && prev && prev.sentence === c.sentence && prev.orgId && c.start - prev.end < 80 && /\b(?:et|and)\b/i.test(r.sentences[c.sentence]!.text.slice(prev.end - r.sentences[c.sentence]!.start, c.start - r.sentences[c.sentence]!.start))) {
        org = prev.orgId;
        cue += ', coordinated';
      }
      if (c.holder === null && holder) cue = cue === 'label only' ? 'adjacent, a person of the story' : `${cue}, holder adjacent, a person of the story`;
      const rm: RoleMention = { articleId: r.articleId, start: c.start, end: c.end, label: c.label, role: c.role, interim: c.interim, former: c.former, personId: holder && byId.get(holder)!.type === 'person' ? holder : null, orgId: org, sentence: c.sentence, cue };
      roles.push(rm);
      prev = rm;
    }
  }
  const orgCount = new Map<string, number>();
  for (const e of entities) if (e.type === 'organization') orgCount.set(e.id, e.mentions.length);
  const dominantOrg = [...orgCount.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0] ?? null;
  const analysis: EntityAnalysis = {
    entities, byId, located, entityOf, roles, dominantOrg,
    readings: new Map(readings.map((r) => [r.articleId, r])),
    sentences: new Map(readings.map((r) => [r.articleId, r.sentences])),
    fresh,
    affiliations: new Map(),
  };
  // Labels without an organisation of their own take the one the sentence or the one before talks about.
  for (const r of roles)
    if (!r.orgId && r.personId) {
      r.orgId = contextOrg(analysis, r.articleId, r.start, r.sentence, new Set([r.personId]));
      if (r.orgId) r.cue += ', organisation from context';
    }
  // « Président(e) » of a company or a co-operative that also has a chief executive is its chair
  // (the French usage: the board's president; the directeur général runs the firm).
  const ceoOf = new Map<string, Set<string>>();
  for (const r of roles) if (r.role === 'ceo' && r.orgId && r.personId) (ceoOf.get(r.orgId) ?? ceoOf.set(r.orgId, new Set()).get(r.orgId)!).add(r.personId);
  for (const r of roles)
    if (r.role === 'president' && r.orgId && r.personId && byId.get(r.orgId)?.type === 'organization' && [...(ceoOf.get(r.orgId) ?? [])].some((p) => p !== r.personId)) {
      r.role = 'chair';
      r.cue += ', president of a firm with a chief executive: its chair';
    }
  for (const r of roles) {
    if (!r.personId || !r.orgId) continue;
    let m = analysis.affiliations.get(r.personId);
    if (!m) analysis.affiliations.set(r.personId, (m = new Map()));
    // A role held before (« ancien patron de Brennwerk ») ties the person to a place they left:
    // it counts only where nothing current does.
    m.set(r.orgId, (m.get(r.orgId) ?? 0) + (r.former ? 0.25 : 1));
  }
  return analysis;
}

/**
 * A label its article tied to no holder, read again with the story's kinds: in « Katarina
 * Vollmer, la PDG cofondatrice » the recogniser may take the name for a place in that one
 * sentence, while the story knows a person. The words around the label decide as in the article
 * (roles.ts attachChain), a name counting as a person when the story says so. Mention index or null.
 */
function storyHolder(r: ArticleEntities, c: RoleCandidate, ids: readonly (string | null | undefined)[], byId: ReadonlyMap<string, Entity>): number | null {
  const s = r.sentences[c.sentence];
  if (!s) return null;
  const folded = foldSame(s.text);
  const chain = findChains(folded).find((ch) => ch.labels.some((h) => h.start === c.start - s.start));
  if (!chain || chain.labels.some((h) => h.plural)) return null;
  const spans: { start: number; end: number; i: number }[] = [];
  r.mentions.forEach((m, i) => { if (m.sentence === c.sentence) spans.push({ start: m.start - s.start, end: m.end - s.start, i }); });
  const att = attachChain(folded, chain, spans, (sp) => { const id = ids[sp.i]; return !!id && byId.get(id)?.type === 'person'; });
  return att.rejected ? null : (att.holder?.i ?? null);
}

/** The language core's sentences of an article, as the entities stage read them (for the events
 * stage): those kept by this analysis, else the recent readings, else read again. */
export function sentencesOf(a: StoryArticle, an?: EntityAnalysis): ReturnType<typeof articleSentences> {
  return an?.fresh.get(a.id) ?? articleSentences(a);
}

/**
 * The organisation a sentence talks about where it names none for a role or an event: the
 * nearest organisation named in this sentence that is not the stated organisation of someone
 * else's role, else the last one of the two sentences before; else the story's main organisation.
 */
export function contextOrg(an: EntityAnalysis, articleId: string, pos: number, sentence: number, exclude: ReadonlySet<string> = new Set()): string | null {
  const list = an.located.get(articleId) ?? [];
  const bound = new Set<string>();
  for (const r of rolesIn(an, articleId)) if (r.orgId && r.personId && !exclude.has(r.personId) && Math.abs(r.sentence - sentence) <= 2) bound.add(`${r.orgId}@${r.sentence}`);
  const free = (m: Located): boolean => m.type === 'organization' && !exclude.has(m.entityId) && !bound.has(`${m.entityId}@${m.sentence}`);
  const at = floorBy(list, pos, (m) => m.start);
  let best: Located | null = null;
  for (let i = Math.max(0, at - 12); i < list.length && i <= at + 12; i++) {
    const m = list[i]!;
    if (m.sentence !== sentence || !free(m)) continue;
    if (!best || Math.abs(m.start - pos) < Math.abs(best.start - pos)) best = m;
  }
  if (best) return best.entityId;
  for (let i = at; i >= 0; i--) {
    const m = list[i]!;
    if (m.sentence < sentence - 2) break;
    if (m.sentence < sentence && free(m)) return m.entityId;
  }
  return an.dominantOrg;
}

const roleIndex = new WeakMap<EntityAnalysis, Map<string, RoleMention[]>>();
/** The role mentions of one article (indexed once per analysis: events ask for them per trigger). */
export function rolesIn(an: EntityAnalysis, articleId: string): RoleMention[] {
  let idx = roleIndex.get(an);
  if (!idx) {
    idx = new Map();
    for (const r of an.roles) (idx.get(r.articleId) ?? idx.set(r.articleId, []).get(r.articleId)!).push(r);
    roleIndex.set(an, idx);
  }
  return idx.get(articleId) ?? [];
}

// People, organisations, places and products in the articles of one story, without model
// weights: capitalised spans, the words around them, role labels, small vocabularies, and
// statistics over the story itself (a word the story also writes in lower case is a common
// noun; a sentence-initial word is only a name if the story capitalises it elsewhere too).
//
// Steps: spans per sentence → role labels attach holders and organisations (evidence) → spans
// grouped by folded form and typed by their summed evidence → full person names merged across
// spelling variants (edit distance AND shared context) → single words resolved to the full
// names they abbreviate → entities, positions, role mentions.
import { fold } from '../text/unicode.ts';
import { splitSentences } from '../normalize/index.ts';
import type { StoryArticle } from '../types.ts';
import type { Sentence } from '../types.ts';
import { attachChain, findChains, ROLE_WORDS, type Span } from './roles.ts';
import { editDistance, floorBy, foldSame, shortHash } from './text.ts';
import type { Entity, EntityAnalysis, EntityType, Located, Mention, RoleMention } from './types.ts';
import { FIRST_NAMES } from '../nlp/index.ts';
import { CONNECTORS, FUNCTION_WORDS, HONORIFICS, TIME_WORDS } from './vocab/function-words.ts';
import { MULTI_WORD_PLACES, ORG_AFTER, ORG_BEFORE, ORG_WORDS, PLACE_WORDS, PLACES, PRODUCT_BEFORE } from './vocab/orgs.ts';

export type { Entity, EntityAnalysis, EntityType, Located, Mention, RoleMention } from './types.ts';
export { findChains } from './roles.ts';
export { floorBy, foldSame, shortHash } from './text.ts';
export { EXCLUSIVE_ROLES } from './vocab/roles.ts';

interface Token { start: number; end: number; text: string; key: string; cap: boolean; digit: boolean; initial: boolean; honorific: boolean }

interface Chunk extends Span {
  articleId: string;
  text: string;
  key: string;
  tokens: string[];
  sentence: number;
  initial: boolean;
  honorific: boolean;
  ev: Evidence;
  form?: Form;
  entity?: Cluster;
}

interface Evidence { person: number; organization: number; place: number; product: number }

interface Form {
  key: string;
  tokens: string[];
  chunks: Chunk[];
  ev: Evidence;
  type: EntityType;
  cluster?: Cluster;
}

interface Cluster {
  forms: Form[];
  type: EntityType;
  context: Set<string>;
  entity?: Entity;
}

const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:[-’'.&][\p{L}\p{M}\p{N}]+)*/gu;
const ELISION = /^(?:[dljnsmtc]|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=[\p{Lu}\p{N}])/iu;
const POSSESSIVE = /['’]s?$/u;
const ACRONYM = /^[\p{Lu}\d]{2,6}s?$/u;
const CAMEL = /\p{Ll}\p{Lu}/u;
const HAS_DIGIT = /\d/;
const OPENERS = /[«“"(\[:—–-]\s*$/u;

const emptyEv = (): Evidence => ({ person: 0, organization: 0, place: 0, product: 0 });

function tokenize(text: string, s: Sentence, folded: string): Token[] {
  const out: Token[] = [];
  let first = true;
  for (const m of s.text.matchAll(TOKEN)) {
    let start = s.start + m.index!;
    let raw = m[0];
    const el = ELISION.exec(raw);
    if (el) { start += el[0].length; raw = raw.slice(el[0].length); }
    raw = raw.replace(POSSESSIVE, '');
    if (!raw) continue;
    const end = start + raw.length;
    const before = text.slice(Math.max(s.start, start - 3), start);
    const initial = first || OPENERS.test(before);
    first = false;
    const c0 = raw.charAt(0);
    const cap = /\p{Lu}/u.test(c0);
    const key = folded.slice(start, end).replace(/'/g, "'");
    const honorific = HONORIFICS.has(key.replace(/\.$/, '')) && /^\.?\s/.test(text.slice(end, end + 2)) && cap;
    out.push({ start, end, text: raw, key, cap, digit: HAS_DIGIT.test(raw), initial, honorific });
  }
  return out;
}

const excluded = (t: Token): boolean => FUNCTION_WORDS.has(t.key) || ROLE_WORDS.has(t.key) || TIME_WORDS.has(t.key) || t.honorific;

/** Capitalised spans of one sentence: runs of capitalised tokens (numbers may continue a run), joined by name connectors. */
function chunksOf(text: string, folded: string, articleId: string, s: Sentence, si: number, lang: string): Chunk[] {
  const toks = tokenize(text, s, folded);
  const out: Chunk[] = [];
  let run: Token[] = [];
  let honorific = false;
  const flush = (): void => {
    while (run.length && !run[run.length - 1]!.cap && !run[run.length - 1]!.digit) run.pop();
    if (run.length) {
      const start = run[0]!.start, end = run[run.length - 1]!.end;
      const t = text.slice(start, end);
      const single = run.length === 1 ? run[0]! : null;
      // One letter alone ("X", "A") is too ambiguous to name anything.
      if (!(single && single.text.length < 2)) {
        out.push({ articleId, start, end, text: t, key: fold(t).replace(/’/g, "'"), tokens: run.filter((x) => x.cap || x.digit).map((x) => x.key), sentence: si, initial: run[0]!.initial, honorific, ev: emptyEv() });
      }
    }
    run = [];
    honorific = false;
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const prev = run[run.length - 1];
    const gap = prev ? text.slice(prev.end, t.start) : '';
    const glued = prev !== undefined && /^ $/.test(gap);
    if (t.honorific) { flush(); honorific = true; continue; }
    // An English title inside another language's text keeps its article ("The Verge" in French prose).
    const foreignThe = t.key === 'the' && t.cap && lang !== 'en' && toks[i + 1]?.cap === true && text.slice(t.end, toks[i + 1]!.start) === ' ';
    if ((t.cap && !excluded(t)) || foreignThe) {
      if (prev && !glued) flush();
      run.push(t);
      continue;
    }
    if (prev && glued && t.digit && !t.cap) { run.push(t); continue; }
    const next = toks[i + 1];
    if (prev && glued && !t.cap && CONNECTORS.has(t.key) && next && next.cap && !excluded(next) && text.slice(t.end, next.start) === ' ') {
      run.push(t);
      continue;
    }
    flush();
  }
  flush();
  return out;
}

/** The story-wide statistics that tell names from capitalised common words. */
interface Stats { lower: Map<string, number>; capInside: Map<string, number> }
function stats(articles: readonly StoryArticle[], folded: Map<string, string>): Stats {
  const lower = new Map<string, number>();
  const capInside = new Map<string, number>();
  for (const a of articles) {
    const f = folded.get(a.id)!;
    for (const m of a.text.matchAll(/[\p{L}][\p{L}\p{M}\p{N}'’-]*/gu)) {
      let w = m[0];
      let at = m.index!;
      const el = ELISION.exec(w) ?? /^(?:[dljnsmtc]|qu)['’](?=\p{Ll})/u.exec(w);
      if (el) { w = w.slice(el[0].length); at += el[0].length; }
      const key = f.slice(at, at + w.length);
      if (/^\p{Ll}/u.test(w)) lower.set(key, (lower.get(key) ?? 0) + 1);
      else {
        const before = a.text.slice(Math.max(0, at - 3), at);
        if (/\p{L}[,;]?\s+$/u.test(before) || /\p{L}['’]$/u.test(before)) capInside.set(key, (capInside.get(key) ?? 0) + 1);
      }
    }
  }
  return { lower, capInside };
}

/** Evidence from the words around one mention. */
function contextEvidence(c: Chunk, folded: string): void {
  const before = folded.slice(Math.max(0, c.start - 40), c.start);
  const after = folded.slice(c.end, c.end + 40);
  const ev = c.ev;
  if (c.honorific) ev.person += 4;
  if (ORG_BEFORE.test(before)) ev.organization += 2;
  if (ORG_AFTER.test(after)) ev.organization += 1.5;
  if (/(?:^|\s)(?:a|en|au|aux|in|from|near|pres de)\s+$/.test(before)) ev.place += 0.5;
  if (PRODUCT_BEFORE.test(before)) ev.product += 1.5;
  // "X a déclaré", "said X": people (and organisations) speak.
  if (/^\s*(?:,\s*)?(?:a declare|a affirme|a dit|a ajoute|a explique|said|says|told|added)\b/.test(after) && c.tokens.length >= 2) ev.person += 0.5;
}

/** Evidence from the shape of a name, counted once per spelling however often it is repeated. */
function shapeEvidence(f: Form, raw: string): void {
  const ev = f.ev;
  const last = f.tokens[f.tokens.length - 1] ?? '';
  const first = f.tokens[0] ?? '';
  if (f.tokens.length >= 2 && FIRST_NAMES.has(first) && !f.tokens.some((t) => ORG_WORDS.has(t))) ev.person += 3;
  if (ORG_WORDS.has(last)) ev.organization += 3;
  else if (f.tokens.length > 1 && f.tokens.some((t) => ORG_WORDS.has(t))) ev.organization += 1.5;
  if (CAMEL.test(raw)) ev.organization += 1;
  if (f.tokens.length === 1 && ACRONYM.test(raw) && !HAS_DIGIT.test(raw)) ev.organization += 1.5;
  if (PLACES.has(f.key) || MULTI_WORD_PLACES.has(f.key)) ev.place += 5;
  else if (PLACE_WORDS.has(last) && f.tokens.length > 1) ev.place += 2;
  if (HAS_DIGIT.test(raw) && /\p{L}/u.test(raw)) ev.product += 2.5;
}

function typeOf(ev: Evidence, raw: string): EntityType {
  const best = (Object.entries(ev) as [keyof Evidence, number][]).sort((a, b) => b[1] - a[1])[0]!;
  if (best[1] >= 1) return best[0];
  // "The Verge", "The Information": titles of outlets and companies, not people.
  if (/^The \p{Lu}/u.test(raw)) return 'organization';
  // No evidence either way: two or three words shaped like a name ("Jane Doe") are most often a person in news prose.
  if (/^\p{Lu}[\p{Ll}\p{M}'’-]+(?: \p{Lu}[\p{Ll}\p{M}'’-]+){1,2}$/u.test(raw)) return 'person';
  return 'other';
}

const personish = (f: Form | undefined): boolean => {
  if (!f) return false;
  const ev = f.ev;
  if (ev.place >= 4 || ev.product >= 2) return false;
  return ev.person > ev.organization || (ev.person === ev.organization && typeOf(ev, f.chunks[0]!.text) === 'person');
};

function bestText(forms: readonly Form[]): string {
  const counts = new Map<string, number>();
  for (const f of forms) for (const c of f.chunks) counts.set(c.text, (counts.get(c.text) ?? 0) + 1);
  const maxTokens = Math.max(...forms.map((f) => f.tokens.length));
  const cands = [...counts.entries()].filter(([t]) => t.split(/\s+/).length >= Math.min(maxTokens, 2) || maxTokens === 1);
  const score = (t: string): number[] => [t.split(/\s+/).length, counts.get(t)!, FIRST_NAMES.has(fold(t.split(/\s+/)[0] ?? '')) ? 1 : 0, t.length];
  cands.sort((a, b) => {
    const sa = score(a[0]), sb = score(b[0]);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return sb[i]! - sa[i]!;
    return a[0] < b[0] ? -1 : 1;
  });
  return cands[0]?.[0] ?? forms[0]!.chunks[0]!.text;
}

export function findEntities(articles: readonly StoryArticle[]): EntityAnalysis {
  const folded = new Map(articles.map((a) => [a.id, foldSame(a.text)]));
  const sentences = new Map<string, Sentence[]>();
  const st = stats(articles, folded);
  const chunksByArticle = new Map<string, Chunk[]>();
  const roleDrafts: { articleId: string; sentence: number; chain: ReturnType<typeof findChains>[number]; holder: Chunk | null; org: Chunk | null }[] = [];

  for (const a of articles) {
    const f = folded.get(a.id)!;
    const sents = splitSentences(a.text, a.language);
    sentences.set(a.id, sents);
    const all: Chunk[] = [];
    sents.forEach((s, si) => {
      const chunks = chunksOf(a.text, f, a.id, s, si, a.language).filter((c) => keepChunk(c, st));
      for (const c of chunks) contextEvidence(c, f);
      all.push(...chunks);
    });
    chunksByArticle.set(a.id, all);
  }

  // Forms: one per folded spelling, with the evidence of all its mentions.
  const forms = new Map<string, Form>();
  for (const chunks of chunksByArticle.values())
    for (const c of chunks) {
      let form = forms.get(c.key);
      if (!form) {
        forms.set(c.key, (form = { key: c.key, tokens: c.tokens, chunks: [], ev: emptyEv(), type: 'other' }));
        shapeEvidence(form, c.text);
      }
      form.chunks.push(c);
      c.form = form;
      for (const k of Object.keys(form.ev) as (keyof Evidence)[]) form.ev[k] += c.ev[k];
    }

  // Role labels tie holders (people) and organisations to the names around them: more evidence.
  const roleEv = new Map<Form, Evidence>();
  const bump = (f: Form, k: keyof Evidence, n: number): void => {
    let e = roleEv.get(f);
    if (!e) roleEv.set(f, (e = emptyEv()));
    e[k] += n;
  };
  for (const a of articles) {
    const f = folded.get(a.id)!;
    const chunks = chunksByArticle.get(a.id)!;
    const sents = sentences.get(a.id)!;
    let ci = 0;
    sents.forEach((s, si) => {
      while (ci < chunks.length && chunks[ci]!.sentence < si) ci++;
      let cj = ci;
      while (cj < chunks.length && chunks[cj]!.sentence === si) cj++;
      const local = chunks.slice(ci, cj);
      for (const chain0 of findChains(f.slice(s.start, s.end))) {
        const chain = { ...chain0, start: chain0.start + s.start, end: chain0.end + s.start, labels: chain0.labels.map((h) => ({ ...h, start: h.start + s.start, end: h.end + s.start })) };
        const att = attachChain(f, chain, local, (sp) => personish((sp as Chunk).form));
        if (att.rejected) continue;
        const holder = att.holder as Chunk | null;
        const org = att.org as Chunk | null;
        if (holder?.form) bump(holder.form, 'person', 3);
        if (org?.form) bump(org.form, 'organization', 3);
        roleDrafts.push({ articleId: a.id, sentence: si, chain, holder, org });
      }
    });
  }
  for (const [form, e] of roleEv) for (const k of Object.keys(e) as (keyof Evidence)[]) form.ev[k] += e[k];
  for (const form of forms.values()) form.type = typeOf(form.ev, form.chunks[0]!.text);
  // A bare family name of products ("GPT" beside "GPT-4") is a product too.
  const productKeys = [...forms.values()].filter((f) => f.type === 'product').map((f) => f.key);
  for (const form of forms.values())
    if (form.type !== 'product' && form.ev.person < 2 && productKeys.some((k) => k.startsWith(form.tokens[0]! + '-') || (form.tokens.length === 1 && k.startsWith(form.key + ' ')))) form.type = 'product';

  const clusters: Cluster[] = [];
  const newCluster = (fs: Form[], type: EntityType): Cluster => {
    const c: Cluster = { forms: fs, type, context: new Set() };
    for (const f of fs) f.cluster = c;
    clusters.push(c);
    return c;
  };

  // Full names first (two words or more): each its own cluster, then spelling variants merged.
  const multi = [...forms.values()].filter((f) => f.tokens.length >= 2);
  for (const f of multi) newCluster([f], f.type);
  mergeVariants(multi.filter((f) => f.type === 'person'), chunksByArticle);

  // Single words: a surname, a first name in an article that names the person in full, a model
  // number of a product named in full; else an entity of their own.
  const byLast = new Map<string, Form[]>();
  const byFirst = new Map<string, Form[]>();
  for (const f of multi) {
    if (f.type === 'person' || f.type === 'product') {
      const last = f.tokens[f.tokens.length - 1]!;
      byLast.set(last, [...(byLast.get(last) ?? []), f]);
    }
    if (f.type === 'person') byFirst.set(f.tokens[0]!, [...(byFirst.get(f.tokens[0]!) ?? []), f]);
  }
  const articlesOf = (cl: Cluster): Set<string> => new Set(cl.forms.flatMap((f) => f.chunks.map((c) => c.articleId)));
  for (const f of forms.values()) {
    if (f.tokens.length !== 1) continue;
    const strongOther = Math.max(f.ev.organization, f.ev.place) >= 4;
    const lastCands = [...new Set((byLast.get(f.key) ?? []).map((x) => x.cluster!))];
    if (lastCands.length && !strongOther) {
      // Several people share the surname: the one named in the same articles most often.
      const mine = new Set(f.chunks.map((c) => c.articleId));
      lastCands.sort((a, b) => overlap(articlesOf(b), mine) - overlap(articlesOf(a), mine) || size(b) - size(a));
      const target = lastCands[0]!;
      target.forms.push(f);
      f.cluster = target;
      continue;
    }
    const firstCands = FIRST_NAMES.has(f.key) ? [...new Set((byFirst.get(f.key) ?? []).map((x) => x.cluster!))] : [];
    if (firstCands.length && !strongOther) {
      // A first name alone stands for the person named in full in the same article; otherwise it stays apart.
      const rest: Chunk[] = [];
      for (const c of f.chunks) {
        const target = firstCands.find((cl) => articlesOf(cl).has(c.articleId));
        if (target) c.entity = target;
        else rest.push(c);
      }
      if (rest.length) {
        const own: Form = { ...f, chunks: rest };
        for (const c of rest) c.form = own;
        newCluster([own], f.type === 'other' ? 'person' : f.type);
      }
      continue;
    }
    newCluster([f], f.type);
  }
  // Products named by their suffix ("787 Dreamliner" for "Boeing 787 Dreamliner").
  const products = clusters.filter((c) => c.type === 'product' && c.forms.some((f) => f.tokens.length >= 2));
  for (const cl of [...clusters]) {
    const f = cl.forms[0]!;
    if (cl.forms.length !== 1 || f.tokens.length < 2 || f.type !== 'product') continue;
    const host = products.find((p) => p !== cl && p.forms.some((g) => g.tokens.length > f.tokens.length && g.key.endsWith(' ' + f.key)));
    if (host) { host.forms.push(f); f.cluster = host; clusters.splice(clusters.indexOf(cl), 1); }
  }

  // Entities.
  const entities: Entity[] = [];
  const byId = new Map<string, Entity>();
  // First names resolved per article point at their cluster directly.
  const direct = new Map<Cluster, Chunk[]>();
  for (const chunks of chunksByArticle.values()) for (const c of chunks) if (c.entity) direct.set(c.entity, [...(direct.get(c.entity) ?? []), c]);
  for (const cl of clusters) {
    const own = new Set(cl.forms.flatMap((f) => f.chunks.filter((c) => !c.entity || c.entity === cl)));
    for (const c of direct.get(cl) ?? []) own.add(c);
    const all = [...own];
    if (!all.length) continue;
    const hasPerson = cl.forms.some((f) => f.type === 'person' && f.tokens.length >= 2);
    const type: EntityType = hasPerson ? 'person' : cl.forms.reduce((t, f) => (f.tokens.length >= (cl.forms[0]!.tokens.length) ? f.type : t), cl.type);
    const name = bestText(cl.forms);
    const aliasSet = new Map<string, string>();
    for (const c of all) if (fold(c.text) !== fold(name)) aliasSet.set(fold(c.text), c.text);
    const id = 'e' + shortHash(type, fold(name));
    const mentions: Mention[] = all.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start)).map((c) => ({ articleId: c.articleId, text: c.text, start: c.start, end: c.end }));
    let ent = byId.get(id);
    if (ent) ent.mentions.push(...mentions);
    else {
      ent = { id, name, type, aliases: [...aliasSet.values()], mentions };
      byId.set(id, ent);
      entities.push(ent);
    }
    cl.entity = ent;
    for (const c of all) c.entity = cl;
  }

  const located = new Map<string, Located[]>();
  for (const [aid, chunks] of chunksByArticle) {
    const list: Located[] = [];
    for (const c of chunks) {
      const ent = c.entity?.entity ?? c.form?.cluster?.entity;
      if (ent) list.push({ start: c.start, end: c.end, entityId: ent.id, type: ent.type, sentence: c.sentence });
    }
    list.sort((a, b) => a.start - b.start);
    located.set(aid, list);
  }
  const entityOf = (c: Chunk | null): Entity | null => (c ? (c.entity?.entity ?? c.form?.cluster?.entity ?? null) : null);

  const roles: RoleMention[] = [];
  const affiliations = new Map<string, Map<string, number>>();
  let prevDraft: (typeof roleDrafts)[number] | null = null;
  let prevOrg: string | null = null;
  const articleById = new Map(articles.map((a) => [a.id, a]));
  for (const d of roleDrafts) {
    const a = articleById.get(d.articleId)!;
    const person = entityOf(d.holder);
    let org = entityOf(d.org);
    if (org && org.type === 'person') org = null;
    // "le PDG de Microsoft, Satya Nadella, et le CTO Kevin Scott": coordinated labels share the organisation.
    if (!org && prevDraft && prevDraft.articleId === d.articleId && prevDraft.sentence === d.sentence && d.chain.start - prevDraft.chain.end < 80 && /\b(?:et|and)\b/.test(folded.get(d.articleId)!.slice(prevDraft.chain.end, d.chain.start)) && prevOrg) org = { id: prevOrg } as Entity;
    prevDraft = d;
    prevOrg = org?.id ?? null;
    for (const h of d.chain.labels) {
      roles.push({ articleId: d.articleId, start: h.start, end: h.end, label: a.text.slice(h.start, h.end), role: h.label.role, interim: h.interim, former: h.former, personId: person && person.type === 'person' ? person.id : null, orgId: org?.id ?? null, sentence: d.sentence });
    }
  }
  // Organisations by mentions, for the fallbacks below and in events.
  const orgCount = new Map<string, number>();
  for (const e of entities) if (e.type === 'organization') orgCount.set(e.id, e.mentions.length);
  const dominantOrg = [...orgCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const analysis: EntityAnalysis = { entities, byId, located, roles, sentences, dominantOrg, affiliations };
  // Labels without an organisation of their own take the one the sentence or the one before talks about.
  for (const r of roles) if (!r.orgId && r.personId) r.orgId = contextOrg(analysis, r.articleId, r.start, r.sentence, new Set([r.personId]));
  for (const r of roles) {
    if (!r.personId || !r.orgId) continue;
    let m = affiliations.get(r.personId);
    if (!m) affiliations.set(r.personId, (m = new Map()));
    m.set(r.orgId, (m.get(r.orgId) ?? 0) + 1);
  }
  return analysis;
}

const overlap = (a: Set<string>, b: Set<string>): number => { let n = 0; for (const x of a) if (b.has(x)) n++; return n; };
const size = (c: Cluster): number => c.forms.reduce((n, f) => n + f.chunks.length, 0);

function keepChunk(c: Chunk, st: Stats): boolean {
  const raw = c.text;
  const strong = c.honorific || HAS_DIGIT.test(raw) || CAMEL.test(raw) || (c.tokens.length >= 2 && FIRST_NAMES.has(c.tokens[0]!));
  if (strong) return true;
  // Capitalised common words: the story writes every one of them in lower case too.
  const common = c.tokens.every((t) => (st.lower.get(t) ?? 0) > 0 || FUNCTION_WORDS.has(t));
  if (c.tokens.length >= 2) return !common;
  const t = c.tokens[0]!;
  if ((st.lower.get(t) ?? 0) > (st.capInside.get(t) ?? 0)) return false;
  if (c.initial) return (st.capInside.get(t) ?? 0) > 0 || (ACRONYM.test(raw) && raw.length > 2);
  return true;
}

/** Context for variant spellings: the other names and role words of the sentences a form appears in. */
function mergeVariants(persons: Form[], chunksByArticle: Map<string, Chunk[]>): void {
  const ctx = new Map<Form, Set<string>>();
  for (const f of persons) {
    const set = new Set<string>();
    for (const c of f.chunks) for (const o of chunksByArticle.get(c.articleId) ?? []) if (o.sentence === c.sentence && o.form !== f) for (const t of o.tokens) set.add(t);
    ctx.set(f, set);
  }
  // Blocking: only names sharing one exact word are compared (same surname, or same first name).
  const blocks = new Map<string, Form[]>();
  for (const f of persons) for (const [i, t] of f.tokens.entries()) {
    const k = `${i === 0 ? 'first' : 'last'}:${t}`;
    if (i === 0 || i === f.tokens.length - 1) blocks.set(k, [...(blocks.get(k) ?? []), f]);
  }
  for (const group of blocks.values()) {
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!, b = group[j]!;
        if (a.cluster === b.cluster || a.tokens.length !== b.tokens.length) continue;
        const d = editDistance(a.key, b.key, 2);
        const limit = a.key.length >= 12 ? 2 : 1;
        if (d > limit) continue;
        if (overlap(ctx.get(a)!, ctx.get(b)!) === 0) continue;
        const keep = a.cluster!, drop = b.cluster!;
        for (const f of drop.forms) { keep.forms.push(f); f.cluster = keep; }
        drop.forms = [];
      }
  }
}

/**
 * The organisation a sentence talks about where it names none for a role or an event: the last
 * organisation named before `pos` in this sentence or the two before, that is not the stated
 * organisation of someone else's role; else the story's main organisation.
 */
export function contextOrg(an: EntityAnalysis, articleId: string, pos: number, sentence: number, exclude: ReadonlySet<string> = new Set()): string | null {
  const list = an.located.get(articleId) ?? [];
  const bound = new Set<string>();
  for (const r of rolesIn(an, articleId)) if (r.orgId && r.personId && !exclude.has(r.personId) && Math.abs(r.sentence - sentence) <= 2) bound.add(`${r.orgId}@${r.sentence}`);
  const free = (m: Located): boolean => m.type === 'organization' && !exclude.has(m.entityId) && !bound.has(`${m.entityId}@${m.sentence}`);
  // The sentence itself first, nearest to `pos` either side; then the two sentences before, latest first.
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
    for (const r of an.roles) idx.set(r.articleId, [...(idx.get(r.articleId) ?? []), r]);
    roleIndex.set(an, idx);
  }
  return idx.get(articleId) ?? [];
}

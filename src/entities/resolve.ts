// Which mentions of a story name the same thing. Mentions are grouped by their folded words
// ("forms"); full names (two words or more) start the entities, and shorter forms join them:
//   spelling variants   two full names a letter or two apart ("Emmet Shear", "Emmett Shear";
//                       accents are folded away) merge only when their sentences share other names
//   initials            "J. Smith" is John Smith when only one Smith has a J
//   surname             "Altman", "Le Meur" join the person named in full with that surname; when
//                       two people of the story share it ("Antoine Kerbrat", "Soizic Kerbrat"),
//                       each mention goes to the one named nearest before it in its own article,
//                       of the same gender when an honorific says so, and never both
//   first name          "Thomas" alone is the Thomas named in full in the same article
//   country code        "US Air Force", "U.S. Air Force" for "United States Air Force"
//   acronym             "GLAR (Groupement des Laiteries d'Armor et de Rance)", or an acronym whose
//                       letters spell a name written in the same article ("GM", "General Motors")
//   short name          "Hallström" for "Hallström Nutrition", when the full name came first
//                       wherever both are written (so "GLAR" never joins "GLAR Ireland"); the
//                       last words of an organisation's name ("Air Force" after "United States
//                       Air Force") when it is the only such organisation of the article
//   model               "A380", "787", "777s" join the product named in full ("Airbus A380"); a bare
//                       number that names no product of the story is no entity
// then every entity is typed by all its mentions (typing.ts).
import { FIRST_NAMES } from '../nlp/index.ts';
import { fold } from '../text/unicode.ts';
import { initialsMatch } from './mentions.ts';
import { editDistance, shortHash } from './text.ts';
import { typeOf } from './typing.ts';
import type { ArticleEntities, Entity, EntityType, MentionCandidate } from './types.ts';

interface Ref { article: string; index: number; m: MentionCandidate }
interface Form { key: string; words: string[]; refs: Ref[]; articles: Set<string>; kind: EntityType; cluster?: Cluster | null }
interface Cluster { forms: Form[]; refs: Ref[] }

export interface Resolution {
  entities: Entity[];
  /** Per article, the entity id of each mention candidate (null: not an entity). */
  entityOf: Map<string, (string | null)[]>;
}

const CODEISH = /\d/;
const isAcronymText = (t: string): boolean => /^[A-Z][A-Z&]{1,5}s?$/.test(t);

export function resolveEntities(readings: readonly ArticleEntities[]): Resolution {
  // ── forms
  const forms = new Map<string, Form>();
  const formOf = new Map<Ref, Form>();
  const refsByArticle = new Map<string, Ref[]>();
  for (const r of readings) {
    const list: Ref[] = [];
    r.mentions.forEach((m, index) => {
      const ref = { article: r.articleId, index, m };
      list.push(ref);
      const key = m.words.join(' ');
      if (!key) return;
      let f = forms.get(key);
      if (!f) forms.set(key, (f = { key, words: m.words, refs: [], articles: new Set(), kind: 'other' }));
      f.refs.push(ref);
      f.articles.add(r.articleId);
      formOf.set(ref, f);
    });
    refsByArticle.set(r.articleId, list);
  }
  for (const f of forms.values()) f.kind = typeOf(f.refs.map((r) => r.m)).type;

  const clusters: Cluster[] = [];
  const newCluster = (fs: Form[]): Cluster => {
    const c: Cluster = { forms: fs, refs: [] };
    for (const f of fs) f.cluster = c;
    clusters.push(c);
    return c;
  };
  const join = (f: Form, c: Cluster): void => {
    c.forms.push(f);
    f.cluster = c;
  };
  const absorb = (keep: Cluster, drop: Cluster): void => {
    if (keep === drop) return;
    for (const f of drop.forms) join(f, keep);
    keep.refs.push(...drop.refs);
    drop.forms = [];
    drop.refs = [];
  };
  /** Individual mentions assigned to a cluster other than their form's. */
  const direct = new Map<Ref, Cluster | null>();

  // ── full names
  // Two words that end a longer person's name ("Le Meur" of "Jean-Yves Le Meur") are a surname, not a full name.
  const longPersons = [...forms.values()].filter((f) => f.kind === 'person' && f.words.length >= 3);
  const surnameLike = (f: Form): boolean => f.words.length === 2 && !f.refs.some((r) => r.m.cues.some((c) => c.startsWith('given name'))) && longPersons.some((g) => tailIs(g.words, f.words));
  const multi = [...forms.values()].filter((f) => f.words.length >= 2 && !surnameLike(f));
  for (const f of multi) newCluster([f]);
  // Products named more or less fully: "Boeing 787", "787 Dreamliner", "Boeing 787 Dreamliner".
  const products = multi.filter((f) => f.kind === 'product' && f.words.some((w) => CODEISH.test(w)));
  for (const a of products)
    for (const b of products) {
      if (a === b || a.cluster === b.cluster || a.words.length > b.words.length) continue;
      const code = a.words.find((w) => CODEISH.test(w))!;
      if (!b.words.includes(code) || !contains(b.words, a.words)) continue;
      absorb(b.cluster!, a.cluster!);
    }
  mergeVariants(multi.filter((f) => f.kind === 'person'), refsByArticle, formOf, absorb);
  // Shorter names of organisations ("China Eastern" for "China Eastern Airlines"), written after the full name.
  for (const a of multi)
    for (const b of multi) {
      if (a === b || a.cluster === b.cluster || a.words.length >= b.words.length || b.kind !== 'organization' || a.kind === 'person' || a.kind === 'place') continue;
      if (!(a.words.every((w, i) => b.words[i] === w))) continue;
      const after = [...a.articles].every((art) => {
        const mine = Math.min(...a.refs.filter((r) => r.article === art).map((r) => r.m.start));
        const theirs = Math.min(...b.refs.filter((r) => r.article === art).map((r) => r.m.start));
        return theirs === Infinity || theirs < mine;
      });
      if (after && (a.words.length >= 3 || [...a.articles].some((x) => b.articles.has(x)))) absorb(b.cluster!, a.cluster!);
    }
  // A country written as its code opens the same name as the country written out ("US Air
  // Force", "U.S. Air Force" and "United States Air Force"; codes and names from CLDR).
  const byKey = new Map(multi.map((f) => [f.key, f]));
  for (const a of multi) {
    const country = regionName(a.words[0]!);
    if (!country || a.kind === 'person') continue;
    const b = byKey.get([...country, ...a.words.slice(1)].join(' '));
    if (b && b.cluster !== a.cluster && b.kind !== 'person') absorb(b.cluster!, a.cluster!);
  }
  // ── acronyms
  for (const f of forms.values()) {
    if (f.words.length !== 1 || f.cluster) continue;
    const written = f.refs[0]!.m.text;
    if (!isAcronymText(written)) continue;
    // Renamed in brackets right after the full name.
    const full = f.refs.map((r) => (r.m.sameAs !== undefined ? readingsRef(refsByArticle, r.article, r.m.sameAs) : null)).find((x) => x && formOf.get(x)?.cluster);
    if (full) { join(f, formOf.get(full)!.cluster!); continue; }
    // Spelled by the initials of an organisation named in the same article.
    const cands = new Set<Cluster>();
    for (const g of multi) if (g.kind !== 'person' && g.kind !== 'product' && initialsMatch(written, g.words) && [...g.articles].some((x) => f.articles.has(x))) cands.add(g.cluster!);
    if (cands.size === 1) join(f, [...cands][0]!);
  }

  // The last words of an organisation's name written after it in the same article ("Air Force"
  // after "United States Air Force" or its acronym "USAF"): each mention is that organisation
  // when it is the only one of the article whose name ends so, and was named before the mention.
  // Another article may name another ("Royal Saudi Air Force"), so the decision is per mention,
  // never for the form.
  const orgs = multi.filter((g) => g.kind === 'organization');
  for (const a of multi) {
    if (a.kind === 'person' || a.kind === 'place') continue;
    const longer = new Set(orgs.filter((b) => b.cluster !== a.cluster && tailIs(b.words, a.words)).map((b) => b.cluster!));
    if (!longer.size) continue;
    const cands = [...longer];
    for (const r of a.refs) {
      const inArticle = cands.filter((c) => c.forms.some((g) => g.refs.some((x) => x.article === r.article)));
      if (inArticle.length !== 1) continue;
      const c = inArticle[0]!;
      if (c.forms.some((g) => g.refs.some((x) => x.article === r.article && x.m.start < r.m.start))) direct.set(r, c);
    }
  }

  // ── shorter forms
  const clusterOf = (f: Form): Cluster | null | undefined => f.cluster;
  const personClusters = (): Cluster[] => clusters.filter((c) => c.forms.some((f) => f.kind === 'person' && f.words.length >= 2));
  const fullNames = (c: Cluster): Form[] => c.forms.filter((f) => f.words.length >= 2);
  const firstAt = (c: Cluster, article: string): number => {
    let best = Infinity;
    for (const f of c.forms) for (const r of f.refs) if (r.article === article && r.m.start < best && f.words.length >= 2) best = r.m.start;
    return best;
  };
  /** The cluster named in full nearest before this mention in its article, among `cands`. */
  const nearestBefore = (ref: Ref, cands: Cluster[]): Cluster | null => {
    let best: Cluster | null = null, at = -1;
    for (const c of cands) for (const f of fullNames(c)) for (const r of f.refs) {
      if (r.article !== ref.article || r.m.start >= ref.m.start) continue;
      if (ref.m.gender && r.m.gender && ref.m.gender !== r.m.gender) continue;
      if (r.m.start > at) { at = r.m.start; best = c; }
    }
    return best;
  };
  /** Each mention of a short form to the candidate named nearest before it; the mentions none
   * precedes become an entity of their own. The form itself joins no cluster. */
  const toNearest = (f: Form, cands: Cluster[]): void => {
    const rest: Ref[] = [];
    for (const r of f.refs) {
      const c = nearestBefore(r, cands);
      if (c) direct.set(r, c);
      else rest.push(r);
    }
    if (rest.length) {
      const own: Form = { ...f, refs: rest };
      for (const r of rest) formOf.set(r, own);
      newCluster([own]);
    }
    f.cluster = null;
  };
  const shortForms = [...forms.values()].filter((f) => f.cluster === undefined).sort((a, b) => b.refs.length - a.refs.length || (a.key < b.key ? -1 : 1));
  for (const f of shortForms) {
    // Strong evidence of another kind than the recogniser's guess, from the name itself: a known
    // country or city, a designator, a model code ("Altman" read as a place by the recogniser is
    // still Sam Altman's surname; "Singapore" is no one's).
    const strongOther = (k: 'organization' | 'place' | 'person'): boolean =>
      f.refs.some((r) => r.m.cues.some((c) => (k === 'place' ? /^(?:country|place word)/ : k === 'organization' ? /^(?:designator|maker|acronym of)/ : /^(?:given name|title)/).test(c)));
    const isCode = f.words.length === 1 && CODEISH.test(f.key);
    if (isCode) {
      // A model: the products of the story that have this code.
      const cands = [...new Set(multi.filter((g) => g.kind === 'product' && g.words.includes(f.key)).map((g) => g.cluster!))];
      if (cands.length === 1) { join(f, cands[0]!); continue; }
      if (cands.length > 1) {
        for (const r of f.refs) direct.set(r, nearestBefore(r, cands) ?? cands.sort((a, b) => size(b) - size(a))[0]!);
        f.cluster = null;
        continue;
      }
      if (/^\d/.test(f.key)) { f.cluster = null; continue; } // a bare number that names nothing here
      newCluster([f]);
      continue;
    }
    // A surname (one or two words: "Altman", "Le Meur") of people named in full.
    if (!strongOther('organization') && !strongOther('place')) {
      const people = personClusters().filter((c) => c.forms.some((g) => g.kind === 'person' && g.words.length > f.words.length && tailIs(g.words, f.words)));
      if (people.length === 1 && !f.refs.some((r) => r.m.gender && people[0]!.forms.some((g) => g.refs.some((x) => x.m.gender && x.m.gender !== r.m.gender)))) { join(f, people[0]!); continue; }
      if (people.length > 1) {
        // People who share a surname: each mention to the one named nearest before it, never a guess.
        toNearest(f, people);
        continue;
      }
      // A first name alone: the person named in full in the same article.
      if (f.words.length === 1 && FIRST_NAMES.has(f.key)) {
        const named = personClusters().filter((c) => c.forms.some((g) => g.kind === 'person' && g.words[0] === f.key));
        if (named.length) {
          toNearest(f, named);
          continue;
        }
      }
    }
    // A short name of an organisation or product named in full first ("Hallström" after
    // "Hallström Nutrition", "Dreamliner" after "787 Dreamliner").
    if (!strongOther('place') && !strongOther('person')) {
      // Not the maker that opens a model's name ("Airbus" of "Airbus A350"): an organisation of its own.
      const maker = (g: typeof multi[number]): boolean => g.kind === 'product' && f.words.length === 1 && g.words[0] === f.key && g.words.slice(1).some((w) => CODEISH.test(w));
      const cands = [...new Set(multi.filter((g) => (g.kind === 'organization' || g.kind === 'product') && !maker(g) && (g.words[0] === f.key || g.words.at(-1) === f.key || (f.words.length > 1 && contains(g.words, f.words))) && [...g.articles].some((x) => f.articles.has(x))).map((g) => g.cluster!))];
      if (cands.length === 1) {
        const c = cands[0]!;
        const after = [...f.articles].every((art) => {
          const mine = Math.min(...f.refs.filter((r) => r.article === art).map((r) => r.m.start));
          const theirs = firstAt(c, art);
          return theirs === Infinity || theirs < mine;
        });
        if (after) { join(f, c); continue; }
      }
    }
    newCluster([f]);
  }
  void clusterOf;

  // ── entities
  const articleOrder = new Map(readings.map((r, i) => [r.articleId, i]));
  const entityOf = new Map<string, (string | null)[]>();
  for (const r of readings) entityOf.set(r.articleId, r.mentions.map(() => null));
  const byId = new Map<string, Entity>();
  const entities: Entity[] = [];
  const refsOf = new Map<Cluster, Ref[]>();
  for (const c of clusters) for (const f of c.forms) for (const r of f.refs) if (!direct.has(r)) (refsOf.get(c) ?? refsOf.set(c, []).get(c)!).push(r);
  for (const [r, c] of direct) if (c) (refsOf.get(c) ?? refsOf.set(c, []).get(c)!).push(r);
  // A name that opens product names ("Boeing" of "Boeing 787") is their maker: an organisation.
  const makers = new Map<string, string>();
  for (const f of multi) if (f.kind === 'product' && !CODEISH.test(f.words[0]!) && f.words.slice(1).some((w) => CODEISH.test(w))) makers.set(f.words[0]!, f.refs[0]!.m.text);
  for (const c of clusters) {
    const refs = (refsOf.get(c) ?? []).sort((x, y) => articleOrder.get(x.article)! - articleOrder.get(y.article)! || x.m.start - y.m.start);
    if (!refs.length) continue;
    const single = c.forms.length && c.forms.every((f) => f.words.length === 1) ? c.forms[0]!.key : null;
    const maker = single ? makers.get(single) : undefined;
    // People are introduced by their full name: a one-word name never written in full nor with a
    // title is less likely a person than the recogniser thought.
    const lonely = c.forms.every((f) => f.words.length === 1) && !refs.some((r) => r.m.gender || r.m.cues.some((x) => x.startsWith('title') || x.startsWith('holds')));
    const extra = maker ? { votes: { organization: 3 }, why: `maker of ${maker}` } : lonely ? { votes: { person: -refs.reduce((n, r) => n + (r.m.ner === 'person' ? r.m.votes.person * 0.6 : 0), 0) }, why: 'one word, never named in full' } : undefined;
    const t = typeOf(refs.map((r) => r.m), extra);
    let type = t.type;
    // Nothing much says what it is. A one-word name that is no common word, not a known place and
    // never the name of someone named in full is most often a company or a body in the news
    // ("Twitch", "OpenAI"); anything else so weak is no entity of the story.
    if (t.weak) {
      const single = c.forms.every((f) => f.words.length === 1);
      // Only ever written at the start of a sentence: a capitalised common word more likely than a name.
      const opening = refs.every((r) => r.m.tokens[0] === 0);
      if (!single || opening) continue;
      type = 'organization';
    }
    // A full name with a given name is a person whatever else the story says of its shorter forms.
    if (type !== 'person' && c.forms.some((f) => f.words.length >= 2 && f.kind === 'person') && t.votes.person >= t.votes[type] * 0.5) type = 'person';
    const name = bestName(refs, type);
    const id = 'e' + shortHash(type, fold(name));
    const aliases = new Map<string, string>();
    for (const r of refs) if (fold(r.m.text) !== fold(name)) aliases.set(fold(r.m.text), r.m.text);
    const mentions = refs
      .sort((a, b) => (a.article < b.article ? -1 : a.article > b.article ? 1 : a.m.start - b.m.start))
      .map((r) => ({ articleId: r.article, text: r.m.text, start: r.m.start, end: r.m.end, cue: r.m.cues.join('; ') }));
    let e = byId.get(id);
    if (e) {
      e.mentions.push(...mentions);
      for (const a of aliases.values()) if (!e.aliases.includes(a)) e.aliases.push(a);
    } else {
      e = { id, name, type, aliases: [...aliases.values()], mentions, typedBy: t.why };
      byId.set(id, e);
      entities.push(e);
    }
    for (const r of refs) entityOf.get(r.article)![r.index] = id;
  }
  for (const e of entities) e.mentions.sort((a, b) => (a.articleId < b.articleId ? -1 : a.articleId > b.articleId ? 1 : a.start - b.start));
  return { entities, entityOf };
}

const REGIONS = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** The folded words of the country a two-letter code stands for ("us", "u.s." → united states). */
function regionName(word: string): string[] | null {
  const m = /^([a-z])\.?([a-z])\.?$/.exec(word);
  if (!m) return null;
  const name = REGIONS.of((m[1]! + m[2]!).toUpperCase());
  return name ? fold(name).split(/\s+/) : null;
}

function readingsRef(refsByArticle: Map<string, Ref[]>, article: string, index: number): Ref | null {
  return refsByArticle.get(article)?.[index] ?? null;
}

const size = (c: Cluster): number => c.forms.reduce((n, f) => n + f.refs.length, 0);

/** Is `small` a contiguous run of `big`'s words? */
function contains(big: readonly string[], small: readonly string[]): boolean {
  outer: for (let i = 0; i + small.length <= big.length; i++) {
    for (let j = 0; j < small.length; j++) if (big[i + j] !== small[j]) continue outer;
    return true;
  }
  return false;
}

/** Are `tail` the last words of `name`, after at least its first word? */
function tailIs(name: readonly string[], tail: readonly string[]): boolean {
  if (tail.length >= name.length) return false;
  return tail.every((w, i) => name[name.length - tail.length + i] === w);
}

/** The name shown: the most frequent of the longest spellings (two words at least when there are). */
function bestName(refs: readonly Ref[], type: EntityType): string {
  const counts = new Map<string, number>();
  const first = new Map<string, number>();
  refs.forEach((r, i) => { counts.set(r.m.text, (counts.get(r.m.text) ?? 0) + 1); if (!first.has(r.m.text)) first.set(r.m.text, i); });
  const len = (t: string): number => t.split(/\s+/).length;
  const maxWords = Math.max(...[...counts.keys()].map(len));
  // The last words of an organisation's longer spelling are its short form ("Air Force" of
  // "United States Air Force"), however often written: the name is the longer one. (Products are
  // left alone: "787 Dreamliner" is no short form of "Boeing 787 Dreamliner"'s maker.)
  const words = (t: string): string[] => fold(t).split(/\s+/);
  const spellings = [...counts.keys()].map(words);
  const shortForm = (t: string): boolean => type === 'organization' && spellings.some((w) => tailIs(w, words(t)));
  const cands = [...counts.entries()].filter(([t]) => len(t) >= Math.min(maxWords, 2) && !shortForm(t));
  // The spelling written most, then the one with a given name, the longest, the first written.
  const given = (t: string): number => (FIRST_NAMES.has(fold(t.split(/\s+/)[0] ?? '')) ? 1 : 0);
  cands.sort((a, b) => b[1] - a[1] || given(b[0]) - given(a[0]) || len(b[0]) - len(a[0]) || first.get(a[0])! - first.get(b[0])!);
  return cands[0]?.[0] ?? refs[0]!.m.text;
}

/** Spelling variants of full person names: a letter or two apart, sharing a word, and named in
 * sentences that share other names (context agrees); initials against the given name. */
function mergeVariants(persons: Form[], refsByArticle: Map<string, Ref[]>, formOf: Map<Ref, Form>, absorb: (keep: Cluster, drop: Cluster) => void): void {
  const ctx = new Map<Form, Set<string>>();
  for (const f of persons) {
    const set = new Set<string>();
    for (const r of f.refs)
      for (const o of refsByArticle.get(r.article) ?? []) {
        const g = formOf.get(o);
        if (o.m.sentence === r.m.sentence && g && g !== f) for (const w of g.words) set.add(w);
      }
    ctx.set(f, set);
  }
  const blocks = new Map<string, Form[]>();
  for (const f of persons) for (const [i, w] of f.words.entries()) if (i === 0 || i === f.words.length - 1) {
    const k = `${i === 0 ? 'first' : 'last'}:${w}`;
    (blocks.get(k) ?? blocks.set(k, []).get(k)!).push(f);
  }
  for (const group of blocks.values())
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++) {
        const a = group[i]!, b = group[j]!;
        if (a.cluster === b.cluster || a.words.length !== b.words.length) continue;
        const initials = a.words.length === 2 && a.words[1] === b.words[1] && (isInitialOf(a.words[0]!, b.words[0]!) || isInitialOf(b.words[0]!, a.words[0]!));
        if (!initials) {
          const d = editDistance(a.key, b.key, 2);
          if (d > (a.key.length >= 12 ? 2 : 1)) continue;
          let shared = 0;
          for (const w of ctx.get(a)!) if (ctx.get(b)!.has(w)) shared++;
          if (!shared) continue;
        }
        absorb(a.cluster!, b.cluster!);
      }
}

const isInitialOf = (init: string, name: string): boolean => /^\p{L}\.?$/u.test(init) && name.length > 2 && name[0] === init[0];

// What one article says on its own: its sentences (the language core's), the names in them with
// their evidence, and its role labels tied to holders and organisations. A pure function of the
// article's text and language, so the story-level analysis can cache it per article (index.ts)
// and re-analysing a growing story costs only its new articles.
import { analyzeText, parseSentence, type Lang, type Sentence as NlpSentence } from '../nlp/index.ts';
import type { StoryArticle } from '../types.ts';
import { Lru } from '../util/lru.ts';
import { sentenceMentions } from './mentions.ts';
import { findChains, sentenceRoles } from './roles.ts';
import { foldSame } from './text.ts';
import type { ArticleEntities, MentionCandidate } from './types.ts';

/** Bumped whenever what an article yields changes: cached readings of older methods are not reused. */
export const METHOD_VERSION = 2;

const FR_HINTS = /\b(?:le|la|les|des|une|est|dans|pour|qui|avec|sur|du|au)\b/g;
const EN_HINTS = /\b(?:the|and|of|is|in|for|that|with|was|on|to|by)\b/g;

/** The language the core reads an article in: French and English as tagged; an undetermined one
 * by its commonest words; any other language is not read (null). */
export function languageOf(a: Pick<StoryArticle, 'language' | 'text'>): Lang | null {
  if (a.language === 'fr' || a.language === 'en') return a.language;
  if (a.language && a.language !== 'und') return null;
  const sample = a.text.slice(0, 4000).toLowerCase();
  const fr = sample.match(FR_HINTS)?.length ?? 0, en = sample.match(EN_HINTS)?.length ?? 0;
  return fr === 0 && en === 0 ? null : fr > en ? 'fr' : 'en';
}

interface Read {
  nlp: NlpSentence[];
  mentions: MentionCandidate[];
  /** Index of each sentence's first mention, and one past the last sentence's last. */
  firstMention: number[];
}

/** The language core's reading, with names found: kept for the few articles being analysed now,
 * so that the events stage parses the very sentences the entities stage tagged. */
const recent = new Lru<string, Read>(64);
const cacheKey = (a: StoryArticle): string => `${a.id}|${a.language}|${a.text.length}|${METHOD_VERSION}`;

function read(a: StoryArticle, lang: Lang): Read {
  const k = cacheKey(a);
  const hit = recent.get(k);
  if (hit) return hit;
  const nlp = analyzeText(a.text, lang);
  const mentions: MentionCandidate[] = [];
  const firstMention: number[] = [];
  nlp.forEach((s, si) => {
    firstMention.push(mentions.length);
    const ms = sentenceMentions(a.text, s, si, lang);
    for (const m of ms) {
      if (m.sameAs !== undefined) m.sameAs += mentions.length;
      // A name is a proper noun whatever the tagger said ("Boeing" read as a verb): the parser
      // then reads the sentence around it as it should.
      for (let t = m.tokens[0]; t < m.tokens[1]; t++) {
        const tok = s.tokens[t]!;
        if (tok.upos === 'VERB' || tok.upos === 'NOUN' || tok.upos === 'ADJ' || tok.upos === 'NUM' || tok.upos === 'X') tok.upos = 'PROPN';
      }
    }
    mentions.push(...ms);
  });
  firstMention.push(mentions.length);
  // A capitalised phrase the article also writes in lower case is a common phrase written with
  // capitals ("l'Intelligence Artificielle" beside "l'intelligence artificielle"), not a name.
  const lower = new Set<string>();
  for (const m of a.text.matchAll(/(?<![\p{L}\p{N}])\p{Ll}[\p{L}\p{M}'’-]*/gu)) lower.add(m[0].toLowerCase());
  for (const m of mentions) if (m.source === 'shape' && m.text.split(/\s+/).every((w) => lower.has(w.toLowerCase()) || w.length < 3)) m.votes = { person: 0, organization: 0, place: 0, product: 0, other: 0 };
  const r = { nlp, mentions, firstMention };
  recent.set(k, r);
  return r;
}

/** The article's sentences as the language core split, tagged and (where parsed) parsed them. */
export function articleSentences(a: StoryArticle): NlpSentence[] {
  const lang = languageOf(a);
  return lang ? read(a, lang).nlp : [];
}

/** What one article yields on its own. */
export function readArticle(a: StoryArticle): ArticleEntities {
  const lang = languageOf(a);
  if (!lang) return { articleId: a.id, lang: 'en', sentences: [], mentions: [], roles: [] };
  const r0 = read(a, lang);
  const { nlp, firstMention } = r0;
  // A copy: the evidence added below must not pile up in the shared reading.
  const mentions = r0.mentions.map((m) => ({ ...m, votes: { ...m.votes }, cues: [...m.cues] }));
  const folded = foldSame(a.text);
  const roles: ArticleEntities['roles'] = [];
  nlp.forEach((s, si) => {
    const fs = folded.slice(s.start, s.end);
    // Only sentences with a role label are parsed here (the parse is the slow part).
    if (!findChains(fs).length) return;
    parseSentence(s, lang);
    const local: number[] = [];
    for (let i = firstMention[si]!; i < firstMention[si + 1]!; i++) local.push(i);
    roles.push(...sentenceRoles(s, si, fs, mentions, local, a.text));
  });
  // A role holder is a person, the organisation of a role an organisation: evidence for the story.
  for (const r of roles) {
    if (r.holder !== null) {
      const m = mentions[r.holder]!;
      m.votes.person += 3;
      m.cues.push(`holds "${r.label}"`);
    }
    if (r.org !== null) {
      const m = mentions[r.org]!;
      m.votes.organization += 3;
      m.cues.push(`"${r.label}" of it`);
    }
  }
  return {
    articleId: a.id,
    lang,
    sentences: nlp.map((s) => ({ start: s.start, end: s.end, text: s.text })),
    mentions,
    roles,
  };
}

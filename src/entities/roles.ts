// Role labels in a sentence and what they attach to. A label ("PDG", "directrice de la
// technologie") is tied to a holder and an organisation by the shapes news prose uses:
//   "le PDG de Microsoft, Satya Nadella"      label, org, holder after
//   "Satya Nadella, CEO de Microsoft"          holder before, label, org
//   "Microsoft CEO Satya Nadella"              org before, label, holder after
//   "son patron et cofondateur Sam Altman"     chained labels share holder and org
// Bare "directeur"/"director"/"head" only counts as the head of an organisation when an
// organisation follows it directly or a name does ("le directeur Sam Altman").
import { CHAIN_GAP, DEPARTMENT_WORDS, FORMER_BEFORE, INTERIM, ROLE_LABELS, type RoleLabel } from './vocab/roles.ts';

export interface Span { start: number; end: number }

export interface LabelHit {
  start: number;
  end: number;
  label: RoleLabel;
  interim: boolean;
  former: boolean;
}

export interface Chain {
  labels: LabelHit[];
  start: number;
  end: number;
}

const sorted = [...ROLE_LABELS].sort((a, b) => b.pattern.length - a.pattern.length);
const LABEL_RE = new RegExp(`(?<![\\p{L}\\p{N}-])(?:${sorted.map((l) => `(${l.pattern})`).join('|')})(?:s|es)?(?![\\p{L}\\p{N}])`, 'gu');

/** Every word a role label is made of, for keeping them out of names ("Directeur Technique"). */
export const ROLE_WORDS: ReadonlySet<string> = new Set([
  ...ROLE_LABELS.flatMap((l) => { const p = l.pattern.replace(/\\.|[?()\\]/g, ''); return [p, ...p.split(/[\s-]+/)]; }).filter((w) => w.length > 2 && !['the', 'of', 'du', 'des', 'conseil', 'board', 'head', 'member'].includes(w)),
  'executif', 'executive', 'exécutif', 'senior', 'adjoint', 'adjointe', 'delegue', 'deleguee', 'vice', 'co-fondateur', 'cofondateur', 'intérim', 'interim',
]);

/** Role labels of a folded text, chained where they are joined by "et", "and" or a comma. */
export function findChains(folded: string): Chain[] {
  const hits: LabelHit[] = [];
  for (const m of folded.matchAll(LABEL_RE)) {
    const idx = m.slice(1).findIndex((g) => g !== undefined);
    const label = sorted[idx];
    if (!label) continue;
    const start = m.index!;
    const end = start + m[0].length;
    const around = folded.slice(Math.max(0, start - 16), Math.min(folded.length, end + 22));
    hits.push({ start, end, label, interim: INTERIM.test(around), former: false });
  }
  const chains: Chain[] = [];
  for (const h of hits) {
    const last = chains[chains.length - 1];
    if (last && CHAIN_GAP.test(folded.slice(last.end, h.start))) {
      last.labels.push(h);
      last.end = h.end;
    } else chains.push({ labels: [h], start: h.start, end: h.end });
  }
  for (const c of chains) {
    let from = Math.max(0, c.start - 30);
    for (const h of c.labels) {
      h.former = FORMER_BEFORE.test(folded.slice(from, h.start));
      from = h.end;
    }
  }
  return chains;
}

const ORG_GAP_PREP = /\b(?:de|du|des|d'|of|at|chez|for|with|au sein de|within)(?:\s|$)|\bd'$/;
const NO_PUNCT = /^[^,;.:()«»"“”!?]*$/;
const HOLDER_AFTER_GAP = /^\s*(?:(?:par interim|interim|a titre interimaire)\s*)?,?\s*$/;
const HOLDER_BEFORE_GAP = /^\s*,\s*(?:(?:qui|who|which)\s+(?:etait|est|fut|a ete|avait ete|sera|was|is|has been|had been|will be)\s+)?(?:(?:auparavant|precedemment|previously|alors|then|desormais|now|aussi|also|le|la|l'|les|un|une|the|a|an|son|sa|ses|its|his|her|ancien|ancienne|former|actuel|actuelle|current|nouveau|nouvelle|new|autre|another)\s*)*$/;
const ORG_BEFORE_GAP = /^\s*(?:'s)?\s*(?:(?:former|new|interim|acting|then|current)\s+)*$/;

export interface Attachment {
  holder: Span | null;
  org: Span | null;
  /** A contextual label that the context did not confirm: not a role. */
  rejected: boolean;
}

/**
 * Attaches a chain to the name spans around it. `spans` are the candidate names of the
 * sentence (sorted), `isPersonish` says which can hold a role (not an obvious organisation).
 */
export function attachChain(folded: string, chain: Chain, spans: readonly Span[], isPersonish: (s: Span) => boolean): Attachment {
  let org: Span | null = null;
  let orgBefore = false;
  // Organisation after: a preposition, no punctuation, within a short reach.
  for (const s of spans) {
    if (s.start < chain.end) continue;
    if (s.start - chain.end > 70) break;
    const gap = folded.slice(chain.end, s.start);
    if (!NO_PUNCT.test(gap)) break;
    if (ORG_GAP_PREP.test(gap) && !isPersonish(s)) { org = s; break; }
    if (isPersonish(s)) break;
  }
  let prev: Span | null = null;
  for (const s of spans) if (s.end <= chain.start) prev = s;
  if (!org && prev && !isPersonish(prev) && ORG_BEFORE_GAP.test(folded.slice(prev.end, chain.start))) {
    org = prev;
    orgBefore = true;
  }
  let holder: Span | null = null;
  const afterFrom = org && !orgBefore ? org.end : chain.end;
  for (const s of spans) {
    if (s.start < afterFrom) continue;
    if (HOLDER_AFTER_GAP.test(folded.slice(afterFrom, s.start)) && isPersonish(s)) holder = s;
    break;
  }
  const beforeEnd = orgBefore && org ? org.start : chain.start;
  let before: Span | null = null;
  for (const s of spans) if (s.end <= beforeEnd) before = s;
  if (before && isPersonish(before) && HOLDER_BEFORE_GAP.test(folded.slice(before.end, beforeEnd))) {
    // "X, CEO de Y, Z" is ambiguous; the name before wins unless the one after is glued to the label.
    if (!holder || folded.slice(afterFrom, holder.start).includes(',')) holder = before;
  }
  const only = chain.labels.length === 1 ? chain.labels[0]! : null;
  let rejected = false;
  if (only?.label.contextual) {
    const directOrg = org && !orgBefore && !DEPARTMENT_WORDS.test(folded.slice(chain.end, org.start + 1));
    const directHolder = holder !== null && holder.start > chain.end && HOLDER_AFTER_GAP.test(folded.slice(chain.end, holder.start));
    // "directeur du site … Twitch": a head of an organisation. "directeur de recherche": not.
    if (!directOrg && !directHolder) rejected = true;
    if (directOrg && DEPARTMENT_WORDS.test(folded.slice(chain.end))) rejected = true;
  }
  return { holder, org, rejected };
}

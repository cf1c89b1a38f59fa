// What kind of thing an entity is, decided by every mention of it in the story: each mention's
// votes (the recogniser's kind and confidence, the name's own words, the words around it, the
// roles it holds or heads: mentions.ts, roles.ts) are summed, and the strongest kind wins. One
// mention typed wrong by the recogniser ("Airbus" as a place after "of") is outvoted by the
// others; a name nothing says anything about stays `other`. The decision keeps its reasons.
import { ENTITY_TYPES, noVotes, type EntityType, type MentionCandidate, type Votes } from './types.ts';

/** Below this much evidence, nothing says what the name is. */
const MIN_EVIDENCE = 0.8;

export interface Typing {
  type: EntityType;
  votes: Votes;
  /** The decision in words: the kinds' totals and the most frequent reasons. */
  why: string;
  /** Share of the evidence for the chosen kind, in [0, 1]. */
  confidence: number;
  /** Nothing says what it is: no kind reached the minimum of evidence. */
  weak: boolean;
}

export function typeOf(mentions: readonly MentionCandidate[], extra?: { votes: Partial<Votes>; why: string }): Typing {
  const votes = noVotes();
  if (extra) for (const [k, v] of Object.entries(extra.votes)) votes[k as EntityType] += v;
  const reasons = new Map<string, number>();
  for (const m of mentions) {
    for (const k of ENTITY_TYPES) votes[k] += m.votes[k];
    for (const c of m.cues) {
      const r = c.replace(/\s+\d+(?:\.\d+)?$/, '');
      reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
  }
  const ranked = [...ENTITY_TYPES].sort((a, b) => votes[b] - votes[a]);
  let type: EntityType = ranked[0]!;
  const total = ENTITY_TYPES.reduce((n, k) => n + Math.max(0, votes[k]), 0);
  const weak = votes[type] < MIN_EVIDENCE;
  if (weak) type = 'other';
  if (extra) reasons.set(extra.why, (reasons.get(extra.why) ?? 0) + 1);
  const top = [...reasons.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4).map(([r, n]) => (n > 1 ? `${r} ×${n}` : r));
  const totals = ranked.filter((k) => votes[k] > 0).map((k) => `${k} ${votes[k].toFixed(1)}`).join(', ');
  return { type, votes, why: `${totals || 'no evidence'}${top.length ? ` (${top.join('; ')})` : ''}`, confidence: total > 0 ? Math.max(0, votes[type]) / total : 0, weak };
}

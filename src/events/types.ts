// Types of the events stage: what one article yields (candidate events and quotations, cached per
// article), and the story's events: one event, many sources, two clocks (when it happened, when
// each source reported it).
import type { EventStatus, EventType, ExportQuotation, Precision } from '../types.ts';

export interface EventDate {
  start: string | null;
  end: string | null;
  precision: Precision;
  text: string;
}

/**
 * How a source's date was found, best first:
 *   explicit   a temporal expression that governs the trigger, or stands in its clause
 *   sentence   one elsewhere in the sentence that governs nothing else
 *   inherited  the date of the reporting verb the trigger hangs on ("announced on Monday that …")
 *   weak       the report's own date: told as the news of the day (present, present perfect, past)
 *   none       no date can be given (background: "had hired", something planned with no time)
 */
export type DateStrength = 'explicit' | 'sentence' | 'inherited' | 'weak' | 'none';

/** The tense a trigger is told in, as far as dating cares. */
export type Telling = 'news' | 'background' | 'future';

/** A sum of money as written, and its value in units of its currency. */
export interface Amount {
  value: number;
  currency: string;
  text: string;
}

/** A participant of a candidate: the index of a mention candidate of the article. */
export interface CandidateParticipants {
  subjects: number[];
  object: number | null;
  agent: number | null;
  org: number | null;
}

/** A happening one sentence of one article tells, before the story merges reports. */
export interface EventCandidate {
  sentence: number;
  sentenceStart: number;
  sentenceText: string;
  triggerStart: number;
  triggerEnd: number;
  /** The trigger as written, auxiliaries in front included (« a révoqué », "has won"). */
  trigger: string;
  /** The vocabulary entry's words (folded): keeps unrelated generic events apart. */
  lemma: string;
  type: EventType;
  participants: CandidateParticipants;
  /** The role the event gives or takes (a label of the sentence), with its words and interim marker. */
  role: { role: string; label: string; interim: boolean; start: number } | null;
  impliedRole: string | null;
  isReturn: boolean;
  noPosition: boolean;
  negative: boolean;
  date: EventDate;
  strength: DateStrength;
  telling: Telling;
  /** The last day the article told before this sentence (narrative time), if any. */
  focus: EventDate | null;
  /** A sum of money the event is about ("an offer of 420 million euros"). */
  amount: Amount | null;
  /** Why: the vocabulary entry, and how participants and date were read. */
  cue: string;
}

/** Words a source attributes to a speaker: a quotation, not an event of the timeline. */
export interface QuotationCandidate {
  sentence: number;
  sentenceText: string;
  start: number;
  end: number;
  /** The mention of the speaker, when named (or a pronoun standing for one). */
  speaker: number | null;
  speakerText: string;
  /** The words attributed. */
  text: string;
  /** The verb of saying as written (« a déclaré », "said", "according to"). */
  cue: string;
}

export interface ArticleEvents {
  articleId: string;
  events: EventCandidate[];
  quotations: QuotationCandidate[];
}

export interface EventSource {
  articleId: string;
  sentence: string;
  sentenceStart: number;
  triggerStart: number;
  triggerEnd: number;
  /** The trigger as written in this source. */
  trigger: string;
  /** The organisation this source gives the event, and whether it states it (not guessed). */
  orgId: string | null;
  orgStrong: boolean;
  cue: string;
  /** When the source reported it (its article's date), and how well that is known. */
  reportedAt: string | null;
  reportedPrecision: Precision;
  date: EventDate;
  strength: DateStrength;
}

export interface StoryEvent {
  id: string;
  type: EventType;
  /** The trigger words, folded: keeps unrelated generic events apart. */
  lemma: string;
  subjectId: string | null;
  objectId: string | null;
  orgId: string | null;
  /** The organisation was stated (not guessed from context). */
  orgStrong: boolean;
  agentId: string | null;
  role: string | null;
  roleLabel: string | null;
  interim: boolean;
  isReturn: boolean;
  negative: boolean;
  /** The sum of money it is about, when a source gives one. */
  amount: Amount | null;
  date: EventDate;
  strength: DateStrength;
  sources: EventSource[];
  summary: string;
  // Filled by the timeline stage.
  status: EventStatus;
  supersededBy: string | null;
  contradicts: string[];
}

/** A quotation as the events stage finds it: the exported shape without its story. */
export type Quotation = Omit<ExportQuotation, 'storyId'>;

export interface EventAnalysis {
  events: StoryEvent[];
  quotations: Quotation[];
}

// Types of the events stage: one event, many sources; two clocks (when it happened, when each
// source reported it).
import type { EventStatus, EventType, Precision } from '../types.ts';

export interface EventDate {
  start: string | null;
  end: string | null;
  precision: Precision;
  text: string;
}

/** How a source's date was found: in the clause of the trigger, from the reporting clause, from the article's focus or its date. */
export type DateStrength = 'explicit' | 'inherited' | 'weak' | 'none';

export interface EventSource {
  articleId: string;
  sentence: string;
  sentenceStart: number;
  triggerStart: number;
  triggerEnd: number;
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
  date: EventDate;
  strength: DateStrength;
  sources: EventSource[];
  summary: string;
  // Filled by the timeline stage.
  status: EventStatus;
  supersededBy: string | null;
  contradicts: string[];
}

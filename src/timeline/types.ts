// Input and output types of the timeline stage, and the export shapes of CONTRACT.md for
// entities and events (the pipeline stores and exports these objects as they are).
import type { DateSource } from '../types.ts';

/** The article fields the later stages need (what the store keeps for an article). */
export interface StoryArticle {
  id: string;
  title: string;
  text: string;
  language: string;
  publishedAt: string | null;
  publishedAtSource: DateSource | null;
  ingestedAt: string;
  url: string | null;
  site: string | null;
}

export type Precision = 'hour' | 'day' | 'week' | 'month' | 'year' | 'unknown';

export interface InferredDate {
  /** ISO date (or datetime when the article had one). */
  date: string;
  precision: Precision;
  /** Where the date came from: the article's own explicit dates, its story, or when we ingested it. */
  basis: 'text' | 'story' | 'ingested';
}

export interface ExportRole {
  role: string;
  label: string;
  organizationId: string | null;
  from: string | null;
  to: string | null;
  interim: boolean;
  sources: { articleId: string; sentence: string }[];
}

export interface ExportEntity {
  id: string;
  name: string;
  type: 'person' | 'organization' | 'place' | 'product' | 'other';
  aliases: string[];
  mentions: { articleId: string; text: string; start: number; end: number }[];
  roles: ExportRole[];
}

export type EventType = 'appointment' | 'dismissal' | 'resignation' | 'hire' | 'return' | 'departure' | 'announcement' | 'statement' | 'letter' | 'launch' | 'investment' | 'other';
export type EventStatus = 'reported' | 'confirmed' | 'superseded' | 'contradicted' | 'retracted';
export type ParticipantRole = 'subject' | 'object' | 'organization' | 'position' | 'agent';

export interface ExportEvent {
  id: string;
  storyId: string;
  type: EventType;
  summary: string;
  participants: { entityId: string; role: ParticipantRole }[];
  date: { start: string | null; end: string | null; precision: Precision; text: string };
  sources: { articleId: string; sentence: string; reportedAt: string | null }[];
  status: EventStatus;
  supersededBy: string | null;
  contradicts: string[];
}

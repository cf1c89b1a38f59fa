// stories/: which story each article belongs to. Until online clustering lands, the grouping is
// the simplest honest one: every original article opens a story of its own, and an exact
// duplicate joins the story of the article it duplicates.
import type { Sentence, Story } from '../types.ts';

export interface StoryCandidate {
  id: string;
  title: string;
  sentences: Sentence[];
  ingestedAt: string;
  /** The original this article duplicates, with the original's story when it is stored already. */
  duplicateOf: { id: string; storyId: string | null } | null;
}

export function storyIdFor(articleId: string): string {
  return `s${articleId}`;
}

/** Story ids for a batch of articles, and the stories the batch opens. */
export function assignStories(articles: StoryCandidate[]): { storyIds: Map<string, string>; opened: Story[] } {
  const storyIds = new Map<string, string>();
  const opened: Story[] = [];
  for (const a of articles) {
    const joined = a.duplicateOf ? (a.duplicateOf.storyId ?? storyIds.get(a.duplicateOf.id)) : undefined;
    if (joined) {
      storyIds.set(a.id, joined);
      continue;
    }
    const id = storyIdFor(a.id);
    storyIds.set(a.id, id);
    opened.push({
      id,
      title: a.title,
      summary: a.sentences.slice(0, 2).map((s) => s.text).join(' '),
      articleIds: [a.id],
      entityIds: [],
      eventIds: [],
      firstSeenAt: a.ingestedAt,
      updatedAt: a.ingestedAt,
    });
  }
  return { storyIds, opened };
}

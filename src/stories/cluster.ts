// Online clustering: each new article joins the story it is most like, or opens one. "Like" is
// the cosine between the article's term vector and the story's centroid (the sum of its
// members' vectors, strongest terms only), among stories active around the article's date.
// Candidates come from an inverted index (term → stories), so the cost per article depends on
// its own terms, not on how many stories exist. Two stories that an article binds strongly
// together converge: they merge.
import { dot } from './features.ts';
import { MERGE_ARTICLE, MERGE_STORIES, newStory, scoreAgainst, type ClusterInput, type ClusterResult, type StoryState } from './story-state.ts';
import { PER_ARTICLE, type StoryIndex } from './story-index.ts';

export { StoryIndex } from './story-index.ts';
export { HORIZON_DAYS, INDEX_TERMS, newStory, scoreAgainst, STORY_TERMS, strongest, type ClusterInput, type StoryState } from './story-state.ts';

/** Assigns a chunk of articles, in order, to the stories of `index` (which it updates). */
export function cluster(articles: ClusterInput[], index: StoryIndex, newId: (a: ClusterInput) => string, now: string): ClusterResult {
  const assignments = new Map<string, string>();
  const merges: Array<{ from: string; into: string }> = [];
  const redirect = new Map<string, string>();
  const touched = new Set<StoryState>();
  const follow = (id: string): string => {
    while (redirect.has(id)) id = redirect.get(id)!;
    return id;
  };
  for (const a of articles) {
    const forced = a.follows && assignments.has(a.follows) ? follow(assignments.get(a.follows)!) : a.forcedStory ? follow(a.forcedStory) : null;
    if (forced) {
      // Decided already (a person's pin, or the original's story): go there, opening it if need be.
      let s = index.stories.get(forced);
      if (!s) index.add((s = newStory(forced, a, now)));
      index.absorb(s, a, a.copy ? -1 : s.centroid.size ? scoreAgainst(a.vector, s) : 1, now);
      touched.add(s);
      assignments.set(a.id, s.id);
      continue;
    }
    const ranked = index.candidates(a);
    const best = ranked[0];
    if (best) {
      index.absorb(best.story, a, best.score, now);
      touched.add(best.story);
      assignments.set(a.id, best.story.id);
      // Convergence: this article binds two stories that are about the same thing.
      for (const other of ranked.slice(1, 3)) {
        if (other.score < MERGE_ARTICLE) break;
        const sim = dot(best.story.centroid, other.story.centroid) / ((best.story.centroid.norm() || 1) * (other.story.centroid.norm() || 1));
        if (sim < MERGE_STORIES) continue;
        const [into, from] = best.story.firstSeenAt <= other.story.firstSeenAt ? [best.story, other.story] : [other.story, best.story];
        index.merge(into, from, now);
        touched.add(into);
        redirect.set(from.id, into.id);
        merges.push({ from: from.id, into: into.id });
      }
      continue;
    }
    const s = newStory(newId(a), a, now);
    index.add(s);
    index.absorb(s, a, 1, now);
    touched.add(s);
    assignments.set(a.id, s.id);
  }
  for (const [a, s] of assignments) assignments.set(a, follow(s));
  return { assignments, changed: [...touched].filter((s) => index.stories.get(s.id) === s), merges };
}

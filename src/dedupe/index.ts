// dedupe/: exact duplicates, by the fingerprint of the folded body. Two inputs whose bodies are
// the same text (syndicated copies under different clutter, the same page saved twice under two
// names) are one report: the later one points at the first. Near-duplicates (MinHash) come with
// the stories stage.
import type { Store } from '../store/index.ts';

export interface Fingerprinted {
  id: string;
  bodyHash: string;
}

/** id → id of the original it duplicates, for the articles of a batch that are duplicates. */
export async function findDuplicates(articles: Fingerprinted[], store: Store): Promise<Map<string, { id: string; storyId: string | null }>> {
  const stored = await store.originalsByBodyHash(articles.map((a) => a.bodyHash));
  const out = new Map<string, { id: string; storyId: string | null }>();
  const firstInBatch = new Map<string, string>();
  for (const a of articles) {
    const original = stored.get(a.bodyHash);
    if (original && original.id !== a.id) out.set(a.id, original);
    else if (!original) {
      const first = firstInBatch.get(a.bodyHash);
      if (first) out.set(a.id, { id: first, storyId: null });
      else firstInBatch.set(a.bodyHash, a.id);
    }
  }
  return out;
}

// Where a story stands on the home page, decided when the story is written (the store keeps it as
// a column so that the home page is an index range scan).

/** Fresher first, and among stories of the same days, the ones more independent outlets report
 * (half a day per doubling of sources): a story many outlets cover stays above a one-source story
 * of the same morning. */
export function storyRank(s: { lastAt: number | null; updatedAt: string; sourceCount: number }): number {
  const latest = Math.max(s.lastAt ?? 0, Date.parse(s.updatedAt));
  return latest / 86_400_000 + 0.5 * Math.log2(1 + s.sourceCount);
}

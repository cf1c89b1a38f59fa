// The analysis thread (see analyse.ts threadAnalyser): one story at a time, off the main thread.
import { parentPort } from 'node:worker_threads';
import { analyzeStory } from '../timeline/index.ts';
import type { StoryArticle } from '../types.ts';

parentPort!.on('message', (m: { id: number; storyId: string; articles: StoryArticle[] }) => {
  try {
    parentPort!.postMessage({ id: m.id, analysis: analyzeStory(m.storyId, m.articles) });
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: (e as Error).message });
  }
});

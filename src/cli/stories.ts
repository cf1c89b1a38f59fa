import type { Command } from 'commander';
// Loaded by the subcommands that need it, not at start-up.
const decisions = () => import('../stories/index.ts');
import { fail, openStore, withDb } from './shared.ts';

async function withStore<T>(opts: { db?: string }, fn: (db: Awaited<ReturnType<typeof openStore>>) => Promise<T>): Promise<T> {
  const store = await openStore(opts);
  try {
    return await fn(store);
  } catch (e) {
    fail((e as Error).message);
  } finally {
    await store.close();
  }
}

export function register(program: Command): void {
  const stories = program.command('stories').description('List stories, and merge, split or move by hand (decisions survive re-runs and reclustering).');

  withDb(stories.command('list').description('Stories, most recently updated first: id, sources, languages, title.').option('--json', 'print JSON')).action(
    async (opts: { db?: string; json?: boolean }) =>
      withStore(opts, async (store) => {
        const list = await store.pages.allStories();
        const flagged = new Map((await store.stories.flags()).map((f) => [f.storyId, f.kind]));
        if (opts.json) return void process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        for (const s of list) {
          const langs = Object.entries(s.languages).map(([l, n]) => `${l}:${n}`).join(' ');
          process.stdout.write(`${s.id}  ${String(s.sourceCount).padStart(3)} sources  ${langs.padEnd(10)} ${s.updatedAt.slice(0, 16)}  ${s.title}${flagged.has(s.id) ? `  [${flagged.get(s.id)} suggested]` : ''}\n`);
        }
      }),
  );

  withDb(stories.command('merge').description('Merge stories into the first one.').argument('<into>', 'the story that stays').argument('<from...>', 'stories merged into it')).action(
    async (into: string, from: string[], opts: { db?: string }) =>
      withStore(opts, async (store) => {
        await (await decisions()).mergeStories(store.stories, into, from);
        process.stdout.write(`merged ${from.join(', ')} into ${into}\n`);
      }),
  );

  withDb(stories.command('split').description('Move some articles of a story into a new story.').argument('<story>', 'the story to split').argument('<articles...>', 'ids of the articles that leave it')).action(
    async (story: string, articles: string[], opts: { db?: string }) =>
      withStore(opts, async (store) => {
        const id = await (await decisions()).splitStory(store.stories, story, articles);
        process.stdout.write(`split ${articles.length} articles of ${story} into ${id}\n`);
      }),
  );

  withDb(stories.command('move').description('Move one article to another story.').argument('<article>', 'article id').argument('<story>', 'story id')).action(
    async (article: string, story: string, opts: { db?: string }) =>
      withStore(opts, async (store) => {
        await (await decisions()).moveArticle(store.stories, article, story);
        process.stdout.write(`moved ${article} to ${story}\n`);
      }),
  );

  withDb(stories.command('recluster').description('Cluster every stored article again (after a change of method), keeping people’s decisions.')).action(
    async (opts: { db?: string }) =>
      withStore(opts, async (store) => {
        const n = await (await decisions()).recluster(store.stories, (done) => process.stderr.isTTY && process.stderr.write(`\rreclustered ${done} articles`));
        if (process.stderr.isTTY) process.stderr.write('\n');
        process.stdout.write(`${n} stories\n`);
      }),
  );

  withDb(stories.command('check').description('Look for stories that tell two stories and flag them for a split.')).action(
    async (opts: { db?: string }) =>
      withStore(opts, async (store) => {
        const flags = await (await decisions()).detectSplits(store.stories);
        for (const f of flags) process.stdout.write(`${f.storyId}: two groups of ${f.groups[0].length} and ${f.groups[1].length} articles (similarity ${f.similarity}); split with: storyline stories split ${f.storyId} ${f.groups[1].join(' ')}\n`);
        if (!flags.length) process.stdout.write('no story looks like two stories\n');
      }),
  );
}

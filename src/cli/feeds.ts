// `storyline feeds add|import|export|list|remove`: the subscription list. Nothing is fetched
// here; `storyline run` polls what is listed.
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
// Loaded by the subcommands that need them, not at start-up.
const sources = () => import('../sources/index.ts');
import type { Feed } from '../store/index.ts';
import { config } from '../config.ts';
import { fail, openStore, withDb } from './shared.ts';

function checkFeedUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    fail(`not a URL: ${JSON.stringify(url)} (a feed is added by its http(s) address)`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') fail(`${url}: only http and https feeds can be subscribed to`);
  return u.href;
}

const ago = (iso: string | null, now = Date.now()): string => {
  if (!iso) return 'never';
  const s = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(s);
  const t = abs < 90 ? `${abs} s` : abs < 5400 ? `${Math.round(abs / 60)} min` : abs < 172800 ? `${Math.round(abs / 3600)} h` : `${Math.round(abs / 86400)} d`;
  return s >= 0 ? `in ${t}` : `${t} ago`;
};

function statusOf(f: Feed): string {
  if (f.lastPolledAt === null) return 'new';
  if (f.lastError) return `error ×${f.errorCount}`;
  return f.lastStatus === 304 ? 'ok (304)' : `ok (${f.lastStatus ?? '-'})`;
}

export function register(program: Command): void {
  const feeds = program.command('feeds').description('Manage feed subscriptions (polled by `storyline run`).');

  withDb(feeds.command('add').description('Subscribe to a feed (RSS, Atom or JSON Feed) by its URL.').argument('<url>', 'the feed URL'))
    .option('--title <title>', 'a name for the feed (default: the title the feed gives itself)')
    .option('--category <folder>', 'a folder for it (kept in OPML exports)')
    .action(async (url: string, opts: { db?: string; title?: string; category?: string }) => {
      const href = checkFeedUrl(url);
      const store = await openStore(opts, { create: true });
      const { added } = await store.feeds.add({ url: href, title: opts.title ?? null, category: opts.category ?? null });
      await store.close();
      process.stdout.write(added ? `subscribed to ${href}; \`storyline run\` will poll it\n` : `already subscribed to ${href}\n`);
    });

  withDb(feeds.command('import').description('Subscribe to every feed an OPML file lists (folders become categories).').argument('<file>', 'an .opml file')).action(
    async (file: string, opts: { db?: string }) => {
      let bytes: Uint8Array;
      try {
        bytes = await readFile(file);
      } catch (e) {
        fail(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
      }
      let list;
      try {
        list = (await sources()).parseOpmlBytes(bytes);
      } catch (e) {
        fail(`cannot import ${file}: ${(e as Error).message}`);
      }
      if (!list.feeds.length) fail(`${file} lists no feeds (no outline with an xmlUrl)`, 1);
      const store = await openStore(opts, { create: true });
      let skipped = 0;
      const valid: Array<{ url: string; title: string | null; site: string | null; category: string | null }> = [];
      for (const f of list.feeds) {
        let href: string;
        try {
          href = new URL(f.url).href;
          if (!/^https?:$/.test(new URL(href).protocol)) throw new Error('only http and https feeds can be subscribed to');
        } catch (e) {
          process.stderr.write(`storyline: skipped ${f.url}: ${(e as Error).message.startsWith('only') ? (e as Error).message : 'not a URL'}\n`);
          skipped++;
          continue;
        }
        valid.push({ url: href, title: f.title, site: f.siteUrl, category: f.category });
      }
      // At most maxOpmlFeeds per import, written in one transaction.
      const max = config('maxOpmlFeeds');
      if (valid.length > max) process.stderr.write(`storyline: ${valid.length - max} feeds left out: at most ${max} per import (STORYLINE_MAX_OPML_FEEDS)\n`);
      skipped += Math.max(0, valid.length - max);
      const added = await store.feeds.addMany(valid.slice(0, max));
      await store.close();
      const already = list.feeds.length - added - skipped;
      process.stdout.write(`imported ${file}: ${added} new subscriptions, ${already} already there, ${skipped} skipped\n`);
      process.exitCode = added + already > 0 ? 0 : 1;
    },
  );

  withDb(feeds.command('export').description('Print the subscriptions as OPML 2.0.'))
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (opts: { db?: string; output?: string }) => {
      const store = await openStore(opts);
      const list = await store.feeds.list();
      await store.close();
      const xml = (await sources()).writeOpml(list.map((f) => ({ url: f.url, title: f.title, siteUrl: f.site, category: f.category })));
      if (opts.output) await writeFile(opts.output, `${xml}\n`);
      else process.stdout.write(`${xml}\n`);
    });

  withDb(feeds.command('list').description('List the subscriptions with their status, last error and next poll.'))
    .option('--json', 'print them as JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const store = await openStore(opts);
      const list = await store.feeds.list();
      await store.close();
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      if (!list.length) {
        process.stdout.write('no subscriptions (add one with `storyline feeds add URL` or `storyline feeds import FILE.opml`)\n');
        return;
      }
      for (const f of list) {
        process.stdout.write(`${f.title ?? '(untitled)'}  <${f.url}>\n`);
        process.stdout.write(
          `  ${statusOf(f)} · ${f.entryCount} entries · polled ${ago(f.lastPolledAt)} · next poll ${ago(f.nextPollAt)}${f.category ? ` · ${f.category}` : ''}\n`,
        );
        if (f.lastError) process.stdout.write(`  last error: ${f.lastError}\n`);
      }
    });

  withDb(feeds.command('remove').description('Unsubscribe from a feed (its articles stay in the store).').argument('<url>', 'the feed URL')).action(
    async (url: string, opts: { db?: string }) => {
      const store = await openStore(opts);
      const removed = await store.feeds.remove(checkFeedUrl(url));
      await store.close();
      if (!removed) fail(`not subscribed to ${url}`, 1);
      process.stdout.write(`unsubscribed from ${url}\n`);
    },
  );
}

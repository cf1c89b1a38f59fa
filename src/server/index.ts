// server/: the web UI and JSON API over the store. For now a reader's minimum: the article list,
// an article reader view, health and a few JSON routes; the full UI grows here.
// Pages are rendered on the server with escaped templates (hono/html): article text is never
// inserted as markup, so nothing from a source can run in a reader's browser.
import { Hono } from 'hono';
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { exportArticle } from '../store/export.ts';
import type { Store } from '../store/index.ts';
import type { Article } from '../types.ts';

type Page = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
:root{color-scheme:light dark;--fg:#1b1b1f;--muted:#5f6068;--bg:#fbfaf7;--line:#e3e1da;--accent:#9b2c1f}
@media (prefers-color-scheme:dark){:root{--fg:#ecebe6;--muted:#a4a39d;--bg:#16161a;--line:#2c2c33;--accent:#f08a70}}
*{box-sizing:border-box}body{margin:0;background:var(--bg);color:var(--fg);font:17px/1.6 Charter,"Iowan Old Style",Georgia,serif}
header,main,footer{max-width:44rem;margin:0 auto;padding:1rem 1.25rem}header a{color:inherit;text-decoration:none;font:700 1.1rem system-ui,sans-serif;letter-spacing:.02em}
h1{font-size:1.9rem;line-height:1.2;margin:.5rem 0}h2{font-size:1.25rem;margin:1.6rem 0 .4rem}a{color:var(--accent)}
.meta,.muted{color:var(--muted);font:.85rem/1.4 system-ui,sans-serif}ol.list{list-style:none;padding:0}ol.list li{padding:.8rem 0;border-bottom:1px solid var(--line)}
ol.list a{font-weight:600;text-decoration:none;color:var(--fg)}blockquote{margin:1rem 0;padding-left:1rem;border-left:3px solid var(--line);font-style:italic}
details{margin-top:2rem;font:.85rem/1.5 system-ui,sans-serif;color:var(--muted)}.tag{display:inline-block;padding:0 .4rem;border:1px solid var(--line);border-radius:.3rem;margin-right:.3rem}
.notice{margin-top:2rem;padding:.75rem;border:1px solid var(--line);border-radius:.4rem;font:.8rem/1.4 system-ui,sans-serif;color:var(--muted)}`;

function layout(title: string, body: Page): Page {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · Storyline</title><style>${raw(STYLE)}</style></head>
<body><header><a href="/">Storyline</a></header><main>${body}</main>
<footer class="muted">Storyline keeps every article's source; rights stay with the publishers.</footer></body></html>`;
}

function byline(a: Article): string {
  return [a.authors.join(', '), a.site, a.publishedAt?.slice(0, 10), a.language].filter(Boolean).join(' · ');
}

export function createApp(store: Store): Hono {
  const app = new Hono();

  app.get('/healthz', async (c) => c.json({ ok: true, ...(await store.counts()) }));

  app.get('/', async (c) => {
    const page = Math.max(1, Number(c.req.query('page') ?? 1) || 1);
    const size = 50;
    const articles = await store.articles({ limit: size, offset: (page - 1) * size, newestFirst: true });
    const { articles: total } = await store.counts();
    return c.html(
      layout(
        'Articles',
        html`<h1>Articles</h1><p class="muted">${total} articles stored.</p>
<ol class="list">${articles.map(
          (a) => html`<li><a href="/articles/${a.id}">${a.title}</a>${a.duplicateOf ? html` <span class="tag">duplicate</span>` : ''}<div class="meta">${byline(a)}</div></li>`,
        )}</ol>
${page > 1 ? html`<a href="/?page=${page - 1}">← newer</a> ` : ''}${page * size < total ? html`<a href="/?page=${page + 1}">older →</a>` : ''}`,
      ),
    );
  });

  app.get('/articles/:id', async (c) => {
    const a = await store.article(c.req.param('id'));
    if (!a) return c.html(layout('Not found', html`<h1>No such article</h1><p>There is no article <code>${c.req.param('id')}</code>. <a href="/">All articles</a></p>`), 404);
    return c.html(
      layout(
        a.title,
        html`<article><h1>${a.title}</h1>${a.subtitle ? html`<p><em>${a.subtitle}</em></p>` : ''}
<p class="meta">${byline(a)}${a.url ? html` · <a href="${a.url}" rel="noopener noreferrer nofollow">source</a>` : ''}</p>
${a.tags.length ? html`<p>${a.tags.map((t) => html`<span class="tag">${t}</span>`)}</p>` : ''}
${a.blocks.map((b) =>
  b.kind === 'h' ? html`<h2>${b.text}</h2>` : b.kind === 'quote' ? html`<blockquote>${b.text}</blockquote>` : b.kind === 'li' ? html`<ul><li>${b.text}</li></ul>` : b.kind === 'pre' ? html`<pre>${b.text}</pre>` : html`<p>${b.text}</p>`,
)}
<p class="notice">From ${a.site ?? a.url ?? a.input}. Rights stay with the source; Storyline shows its text for reading and reference.</p>
<details><summary>${a.removed.length} pieces removed as clutter</summary><ul>${a.removed.map((r) => html`<li><b>${r.reason}</b>: ${r.text}</li>`)}</ul></details></article>`,
      ),
    );
  });

  app.get('/api/articles/:id', async (c) => {
    const a = await store.article(c.req.param('id'));
    return a ? c.json(exportArticle(a)) : c.json({ error: `no article ${c.req.param('id')}` }, 404);
  });

  app.get('/api/stories', async (c) => c.json({ stories: await store.stories() }));

  app.notFound((c) => c.html(layout('Not found', html`<h1>Not found</h1><p>Nothing lives at <code>${c.req.path}</code>. <a href="/">All articles</a></p>`), 404));
  app.onError((err, c) => {
    process.stderr.write(`storyline serve: ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}\n`);
    return c.html(layout('Error', html`<h1>Something went wrong</h1><p>The server could not answer this request. The error was logged.</p>`), 500);
  });
  return app;
}

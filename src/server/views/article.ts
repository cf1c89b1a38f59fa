// Article reader view: the extracted text as escaped blocks (never the source's markup), full
// attribution with a rights notice, the clutter that was removed (collapsed, with reasons), and
// a "report an error" form that records a correction request.
import { html } from 'hono/html';
import type { Correction } from '../../store/index.ts';
import type { Article, InferredDate } from '../../types.ts';
import { publicInput, publicUrl } from '../redact.ts';
import { articleDate, dateOf, fmtStamp, lang, type Page } from './layout.ts';

export function reportForm(a: Article, csrf: string, done = false): Page {
  if (done) return html`<div id="report" class="report done" role="status"><p>Thank you: your correction request was recorded and will be reviewed.</p></div>`;
  return html`<div id="report" class="report"><details><summary>Report an error</summary>
<form method="post" action="/articles/${a.id}/report" hx-post="/articles/${a.id}/report" hx-target="#report" hx-swap="outerHTML">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="r-quote">The words that are wrong (optional)</label><input id="r-quote" name="quote" maxlength="500">
<label for="r-message">What is wrong, and what is right?</label><textarea id="r-message" name="message" required maxlength="4000" rows="4"></textarea>
<button type="submit">Send the correction request</button></form></details></div>`;
}

export function articlePage(a: Article, story: { id: string; title: string } | undefined, original: { id: string; title: string } | undefined, csrf: string, requests: Correction[], reported: boolean, inferred?: InferredDate): Page {
  const when = a.publishedAt;
  const date = articleDate(a, inferred);
  return html`<article class="reader" lang="${a.language === 'und' ? 'en' : a.language}">
${story ? html`<p class="kicker">Part of the story <a href="/stories/${story.id}">${story.title}</a></p>` : ''}
<h1>${a.title}</h1>${a.subtitle ? html`<p class="lede">${a.subtitle}</p>` : ''}
<p class="byline">${a.authors.length ? html`By <span class="authors">${a.authors.join(', ')}</span> · ` : ''}${a.site ? html`${a.site} · ` : ''}${dateOf(date)} · ${lang(a.language)}</p>
${original ? html`<p class="note">This is a copy of <a href="/articles/${original.id}">${original.title}</a>.</p>` : ''}
${a.tags.length ? html`<p class="tags">${a.tags.map((t) => html`<span class="tag">${t}</span>`)}</p>` : ''}
<div class="body">${a.blocks.map((b) =>
    b.kind === 'h' ? html`<h2>${b.text}</h2>` : b.kind === 'quote' ? html`<blockquote>${b.text}</blockquote>` : b.kind === 'li' ? html`<ul><li>${b.text}</li></ul>` : b.kind === 'pre' ? html`<pre>${b.text}</pre>` : html`<p>${b.text}</p>`,
  )}</div>
<aside class="notice"><p><b>Source:</b> ${a.url ? html`<a href="${safeUrl(a.url)}" rel="noopener noreferrer nofollow">${a.site ?? publicUrl(a.url)}</a>` : a.site ?? publicInput(a.input)}${a.authors.length ? html` · ${a.authors.join(', ')}` : ''}${when ? html` · published ${fmtStamp(when)}` : date.kind === 'inferred' ? html` · gives no date (${date.text}, inferred from its text)` : ' · gives no date'} · stored by Storyline ${fmtStamp(a.ingestedAt)}.</p>
<p>Rights stay with the source. Storyline shows this text, cleaned of the page's clutter, for reading and reference; read the original for the publisher's version.</p></aside>
${a.removed.length ? html`<details class="removed"><summary>${a.removed.length} piece${a.removed.length === 1 ? '' : 's'} removed as clutter</summary><ul>${a.removed.map((r) => html`<li><span class="tag">${r.reason}</span> ${r.text.length > 400 ? `${r.text.slice(0, 400)}…` : r.text}</li>`)}</ul></details>` : ''}
${requests.length ? html`<p class="muted">${requests.length} correction request${requests.length === 1 ? '' : 's'} recorded for this article.</p>` : ''}
${reportForm(a, csrf, reported)}
</article>`;
}

/** Only http(s) links leave the site: a stored URL is data and must never become javascript:. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    // Credentials in a stored URL are the operator's, not the reader's.
    u.username = '';
    u.password = '';
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : '#';
  } catch {
    return '#';
  }
}

// The story page: its timeline with both clocks (when it happened, when it was reported),
// status badges, superseded claims struck through and linked to what replaced them,
// contradictions side by side, each event's sources with the quoted sentences, coverage by
// outlet and language, and the articles with duplicates folded under their original.
import { html } from 'hono/html';
import type { ArticleLite } from '../../store/read.ts';
import type { ExportEntity, ExportEvent } from '../../timeline/types.ts';
import type { Story } from '../../types.ts';
import { ago, fmtDate, lang, langName, time, type Page } from './layout.ts';

export interface StoryView {
  story: Story;
  events: ExportEvent[];
  entities: ExportEntity[];
  articles: ArticleLite[];
}

const STATUS_LABEL: Record<string, string> = {
  reported: 'reported',
  confirmed: 'confirmed',
  superseded: 'superseded',
  contradicted: 'contradicted',
  retracted: 'retracted',
};

export const badge = (status: string): Page => html`<span class="badge s-${status}">${STATUS_LABEL[status] ?? status}</span>`;

/** When it was first reported: the earliest reportedAt among its sources. */
export function firstReported(e: ExportEvent): string | null {
  return e.sources.map((s) => s.reportedAt).filter((x): x is string => !!x).sort()[0] ?? null;
}

/** Timeline order: when it happened; an undated event sits where it was first reported. */
export function timelineOrder(events: ExportEvent[]): ExportEvent[] {
  const key = (e: ExportEvent): string => e.date.start ?? firstReported(e)?.slice(0, 10) ?? '9999';
  return [...events].sort((a, b) => key(a).localeCompare(key(b)) || Number(!!b.date.start) - Number(!!a.date.start));
}

export function sourceLabel(a: ArticleLite | undefined): string {
  if (!a) return 'an article no longer stored';
  const t = a.title.trim();
  return a.site ?? hostOf(a.url) ?? (t.length > 48 ? `${t.slice(0, 46).trimEnd()}…` : t);
}

const hostOf = (url: string | null): string | null => {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
};

export function eventItem(e: ExportEvent, byId: Map<string, ExportEvent>, articles: Map<string, ArticleLite>, names: Map<string, string>, anchorBase = ''): Page {
  const reported = firstReported(e);
  const replacement = e.supersededBy ? byId.get(e.supersededBy) : undefined;
  const outlets = [...new Set(e.sources.map((s) => sourceLabel(articles.get(s.articleId))))];
  // Chips for the participants the summary does not already name (links to their pages).
  const people = e.participants.filter((p) => names.has(p.entityId) && !e.summary.includes(names.get(p.entityId)!));
  // One quote per distinct sentence: copies of a wire story repeat it word for word.
  const seen = new Set<string>();
  const [first, ...rest] = e.sources.filter((s) => !seen.has(s.sentence) && seen.add(s.sentence));
  return html`<li class="event st-${e.status}" id="ev-${e.id}">
<div class="when">
<p class="happened">${e.date.start ? time(e.date.start, fmtDate(e.date.start, e.date.precision)) : html`<span class="muted">not stated</span>`}${e.date.text ? html` <span class="as-written">“${e.date.text}”</span>` : ''}</p>
<p class="reported">${time(reported, reported ? fmtDate(reported, 'day') : 'unknown')}</p>
</div>
<div class="what">
<p class="summary">${badge(e.status)} <span class="type">${e.type}</span> ${e.status === 'superseded' ? html`<s>${e.summary}</s>` : e.summary}</p>
${e.status === 'superseded' ? html`<p class="replaced">Superseded by ${replacement ? html`<a href="${anchorBase}#ev-${replacement.id}">${replacement.summary}</a>` : e.supersededBy ? html`<a href="${anchorBase}#ev-${e.supersededBy}">a later report</a>` : 'a later report'}</p>` : ''}
${e.contradicts.length ? html`<p class="replaced">Contradicts ${e.contradicts.map((id, i) => html`${i ? ', ' : ''}<a href="${anchorBase}#ev-${id}">${byId.get(id)?.summary ?? 'another report'}</a>`)}</p>` : ''}
${people.length ? html`<p class="who">${people.map((p) => html`<a class="chip" href="/entities/${p.entityId}">${names.get(p.entityId)}</a>`)}</p>` : ''}
${first ? quote(first, articles) : ''}
${rest.length ? html`<details class="more"><summary>${rest.length} more quote${rest.length > 1 ? 's' : ''} · ${outlets.length} outlet${outlets.length > 1 ? 's' : ''}</summary>${rest.map((s) => quote(s, articles))}</details>` : ''}
</div></li>`;
}

function quote(s: ExportEvent['sources'][number], articles: Map<string, ArticleLite>): Page {
  const a = articles.get(s.articleId);
  return html`<figure class="source"><blockquote>${s.sentence}</blockquote><figcaption><a href="/articles/${s.articleId}">${sourceLabel(a)}</a>${s.reportedAt ? ` · ${fmtDate(s.reportedAt, 'day')}` : ''}</figcaption></figure>`;
}

export function storyPage(v: StoryView): Page {
  const { story } = v;
  const articles = new Map(v.articles.map((a) => [a.id, a]));
  const byId = new Map(v.events.map((e) => [e.id, e]));
  const names = new Map(v.entities.map((e) => [e.id, e.name]));
  const ordered = timelineOrder(v.events);
  const contradictions = pairs(v.events, byId);
  const originals = v.articles.filter((a) => !a.duplicateOf);
  const copies = new Map<string, ArticleLite[]>();
  for (const a of v.articles) if (a.duplicateOf) (copies.get(a.duplicateOf) ?? copies.set(a.duplicateOf, []).get(a.duplicateOf)!).push(a);
  const orphans = v.articles.filter((a) => a.duplicateOf && !articles.has(a.duplicateOf));
  const outlets = coverage(v.articles);
  const langs = Object.entries(story.languages).sort((a, b) => b[1] - a[1]);
  const people = v.entities.filter((e) => e.roles.length && (e.type === 'person' || e.type === 'organization')).slice(0, 12);
  return html`<article class="story">
<p class="kicker">Story · ${story.sourceCount} independent source${story.sourceCount === 1 ? '' : 's'} · ${langs.map(([l]) => lang(l))} · updated <span title="${story.updatedAt}">${ago(story.updatedAt)}</span></p>
<h1>${story.title}</h1>
${story.summary ? html`<p class="lede">${story.summary}</p>` : ''}
<nav class="toc" aria-label="On this page"><a href="#timeline">Timeline</a><a href="#coverage">Coverage</a><a href="#articles">Articles (${v.articles.length})</a><a href="/stories/${story.id}/feed.atom">Atom</a><a href="/stories/${story.id}/feed.json">JSON Feed</a></nav>
${people.length ? html`<section class="people" aria-label="People and organisations"><h2 class="sr">Who</h2>${people.map((e) => html`<a class="chip" href="/entities/${e.id}">${e.name}</a>`)}</section>` : ''}
<section id="timeline"><h2>Timeline</h2>
${ordered.length ? html`<p class="legend muted">Each event shows two clocks: when it <b>happened</b> and when it was first <b>reported</b>. Superseded reports stay, struck through, linked to what replaced them.</p>
<ol class="timeline">${ordered.map((e) => eventItem(e, byId, articles, names))}</ol>` : html`<p class="muted">No dated events found in these articles yet.</p>`}
</section>
${contradictions.length ? html`<section id="contradictions"><h2>Contradictions</h2>${contradictions.map(([a, b]) => html`<div class="versus"><div>${badge(a.status)} <a href="#ev-${a.id}">${a.summary}</a>${a.sources[0] ? html`<blockquote>${a.sources[0].sentence}</blockquote>` : ''}</div><div>${badge(b.status)} <a href="#ev-${b.id}">${b.summary}</a>${b.sources[0] ? html`<blockquote>${b.sources[0].sentence}</blockquote>` : ''}</div></div>`)}</section>` : ''}
<section id="coverage"><h2>Coverage</h2>
<div class="cols"><table><caption>By outlet</caption><thead><tr><th scope="col">Outlet</th><th scope="col">Articles</th><th scope="col">Languages</th></tr></thead><tbody>${outlets.map((o) => html`<tr><td>${o.name}</td><td class="num">${o.count}</td><td>${o.langs.map((l) => lang(l))}</td></tr>`)}</tbody></table>
<table><caption>By language</caption><thead><tr><th scope="col">Language</th><th scope="col">Articles</th></tr></thead><tbody>${langs.map(([l, n]) => html`<tr><td>${langName(l)}</td><td class="num">${n}</td></tr>`)}</tbody></table></div>
</section>
<section id="articles"><h2>Articles</h2><ol class="articles">${originals.concat(orphans).map((a) => {
    const c = copies.get(a.id) ?? [];
    return html`<li>${articleLine(a)}${c.length ? html`<details class="copies"><summary>${c.length} duplicate${c.length > 1 ? 's' : ''} of this article</summary><ul>${c.map((d) => html`<li>${articleLine(d)}</li>`)}</ul></details>` : ''}</li>`;
  })}</ol></section>
</article>`;
}

export function articleLine(a: ArticleLite): Page {
  return html`<a class="title" href="/articles/${a.id}">${a.title}</a><span class="meta">${sourceLabel(a)} · ${lang(a.language)} · ${time(a.publishedAt ?? a.ingestedAt, fmtDate(a.publishedAt ?? a.ingestedAt, 'day'))}${a.versionOf ? ' · updated version' : ''}</span>`;
}

function coverage(articles: ArticleLite[]): Array<{ name: string; count: number; langs: string[] }> {
  const m = new Map<string, { name: string; count: number; langs: Set<string> }>();
  for (const a of articles) {
    const name = sourceLabel(a);
    const o = m.get(name) ?? m.set(name, { name, count: 0, langs: new Set() }).get(name)!;
    o.count++;
    o.langs.add(a.language);
  }
  return [...m.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name)).map((o) => ({ ...o, langs: [...o.langs] }));
}

function pairs(events: ExportEvent[], byId: Map<string, ExportEvent>): Array<[ExportEvent, ExportEvent]> {
  const out: Array<[ExportEvent, ExportEvent]> = [];
  const seen = new Set<string>();
  for (const e of events)
    for (const id of e.contradicts) {
      const other = byId.get(id);
      const key = [e.id, id].sort().join('|');
      if (other && !seen.has(key)) {
        seen.add(key);
        out.push([e, other]);
      }
    }
  return out;
}

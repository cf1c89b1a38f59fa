// Sources: feed subscriptions with their status and errors, paged; for the admin, a form to add
// one (checked at once, with feed autodiscovery), refresh now, edit and remove per feed, OPML
// import and export; sign-in when an admin token guards these actions. Readers see addresses and
// errors redacted (server/redact.ts).
import { html } from 'hono/html';
import type { Feed } from '../../store/index.ts';
import { publicError, publicUrl } from '../redact.ts';
import { ago, fmtStamp, pager, type Page } from './layout.ts';

export interface SourcesView {
  feeds: Feed[];
  total: number;
  page: number;
  hasNext: boolean;
  csrf: string;
  admin: boolean;
  tokenSet: boolean;
  readOnly: boolean;
  /** The server polls the feeds itself. */
  polling: boolean;
  message?: string;
}

export function sourcesPage(v: SourcesView): Page {
  const { csrf, admin } = v;
  const status = (f: Feed): Page =>
    f.lastError ? html`<span class="badge s-contradicted">error</span>` : f.lastPolledAt ? html`<span class="badge s-confirmed">ok</span>` : html`<span class="badge s-reported">waiting</span>`;
  const hidden = html`<input type="hidden" name="_csrf" value="${csrf}">`;
  const actions = (f: Feed): Page => html`<details class="feed-actions"><summary>Manage</summary>
<form method="post" action="/sources/feeds/${f.id}/refresh">${hidden}<button type="submit">Refresh now</button></form>
<form method="post" action="/sources/feeds/${f.id}/edit">${hidden}<label for="t-${f.id}">Name</label><input id="t-${f.id}" name="title" value="${f.title ?? ''}" maxlength="300"><label for="c-${f.id}">Category</label><input id="c-${f.id}" name="category" value="${f.category ?? ''}" maxlength="100"><button type="submit">Save</button></form>
<form method="post" action="/sources/feeds/${f.id}/remove">${hidden}<button type="submit" class="danger">Unsubscribe</button></form></details>`;
  const row = (f: Feed): Page => {
    const url = admin ? f.url : publicUrl(f.url);
    const error = f.lastError ? (admin ? f.lastError : publicError(f.lastError)) : null;
    return html`<tr id="feed-${f.id}"><td><b>${f.title ?? (admin ? f.site : null) ?? url}</b><br><span class="muted url">${url}</span>${f.category ? html` <span class="tag">${f.category}</span>` : ''}${error ? html`<br><span class="error-text">${error}${f.errorCount > 1 ? ` (${f.errorCount} failures in a row)` : ''}</span>` : ''}${admin ? actions(f) : ''}</td>
<td>${status(f)}${f.lastStatus ? html` <span class="muted">HTTP ${f.lastStatus}</span>` : ''}</td><td title="${fmtStamp(f.lastPolledAt)}">${f.lastPolledAt ? ago(f.lastPolledAt) : 'never'}</td><td class="num">${f.entryCount}</td><td title="${fmtStamp(f.nextPollAt)}">${fmtStamp(f.nextPollAt)}</td></tr>`;
  };
  return html`<h1 class="page-title">Sources</h1>
${v.message ? html`<p class="flash" role="status">${v.message}</p>` : ''}
${v.feeds.length ? html`<p class="muted">${v.total} feed subscription${v.total === 1 ? '' : 's'}.${admin ? html` <a href="/sources/export.opml" download>Export them as OPML</a>` : ''}</p><div class="table-wrap"><table class="feeds"><caption class="sr">Feed subscriptions</caption><thead><tr><th scope="col">Feed</th><th scope="col">Status</th><th scope="col">Last poll</th><th scope="col">Entries</th><th scope="col">Next poll</th></tr></thead><tbody>
${v.feeds.map(row)}
</tbody></table></div>${pager('/sources', {}, v.page, v.hasNext)}` : html`<p class="empty">No feed subscriptions yet.</p>`}
<p class="muted">${v.polling ? 'This server polls the feeds itself, each on its own schedule.' : 'Feeds are polled by `storyline run`; this page shows what it last saw.'}</p>
${v.readOnly ? html`<p class="muted">This server is read-only.</p>` : admin ? html`<div class="cols forms">
<form method="post" action="/sources/feeds"><h2>Add a feed</h2>${hidden}
<label for="feed-url">Feed or site address (RSS, Atom or JSON Feed; a site’s page is searched for its feed)</label><input id="feed-url" name="url" type="url" required placeholder="https://example.org/">
<label for="feed-cat">Category (optional)</label><input id="feed-cat" name="category"><button type="submit">Subscribe</button></form>
<form method="post" action="/sources/opml" enctype="multipart/form-data"><h2>Import OPML</h2>${hidden}
<label for="opml-file">OPML file</label><input id="opml-file" name="file" type="file" accept=".opml,.xml,text/xml,application/xml">
<label for="opml-text">or paste it</label><textarea id="opml-text" name="opml" rows="3"></textarea><button type="submit">Import</button></form></div>`
    : html`<form class="signin" method="post" action="/admin/login"><h2>Sign in to manage sources</h2>${hidden}<label for="admin-token">Admin token</label><input id="admin-token" name="token" type="password" autocomplete="current-password" required><button type="submit">Sign in</button></form>`}
${admin && v.tokenSet ? html`<form method="post" action="/admin/logout" class="signout">${hidden}<button type="submit" class="link">Sign out</button></form>` : ''}`;
}

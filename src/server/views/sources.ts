// Sources: feed subscriptions with their status and errors, a form to add one, OPML import, and
// admin sign-in when an admin token guards these actions.
import { html } from 'hono/html';
import type { Feed } from '../../store/index.ts';
import { ago, fmtStamp, type Page } from './layout.ts';

export function sourcesPage(feeds: Feed[], csrf: string, admin: boolean, tokenSet: boolean, message?: string): Page {
  const status = (f: Feed): Page =>
    f.lastError ? html`<span class="badge s-contradicted">error</span>` : f.lastPolledAt ? html`<span class="badge s-confirmed">ok</span>` : html`<span class="badge s-reported">waiting</span>`;
  return html`<h1 class="page-title">Sources</h1>
${message ? html`<p class="flash" role="status">${message}</p>` : ''}
${feeds.length ? html`<div class="table-wrap"><table class="feeds"><caption class="sr">Feed subscriptions</caption><thead><tr><th scope="col">Feed</th><th scope="col">Status</th><th scope="col">Last poll</th><th scope="col">Entries</th><th scope="col">Next poll</th></tr></thead><tbody>
${feeds.map((f) => html`<tr><td><b>${f.title ?? f.site ?? f.url}</b><br><span class="muted url">${f.url}</span>${f.category ? html` <span class="tag">${f.category}</span>` : ''}${f.lastError ? html`<br><span class="error-text">${f.lastError}${f.errorCount > 1 ? ` (${f.errorCount} failures in a row)` : ''}</span>` : ''}</td>
<td>${status(f)}${f.lastStatus ? html` <span class="muted">HTTP ${f.lastStatus}</span>` : ''}</td><td title="${fmtStamp(f.lastPolledAt)}">${f.lastPolledAt ? ago(f.lastPolledAt) : 'never'}</td><td class="num">${f.entryCount}</td><td title="${fmtStamp(f.nextPollAt)}">${fmtStamp(f.nextPollAt)}</td></tr>`)}
</tbody></table></div>` : html`<p class="empty">No feed subscriptions yet.</p>`}
<p class="muted">Feeds are polled by <code>storyline run</code>; this page shows what it last saw.</p>
${admin ? html`<div class="cols forms">
<form method="post" action="/sources/feeds"><h2>Add a feed</h2><input type="hidden" name="_csrf" value="${csrf}">
<label for="feed-url">Feed address (RSS, Atom or JSON Feed)</label><input id="feed-url" name="url" type="url" required placeholder="https://example.org/feed.xml">
<label for="feed-cat">Category (optional)</label><input id="feed-cat" name="category"><button type="submit">Subscribe</button></form>
<form method="post" action="/sources/opml" enctype="multipart/form-data"><h2>Import OPML</h2><input type="hidden" name="_csrf" value="${csrf}">
<label for="opml-file">OPML file</label><input id="opml-file" name="file" type="file" accept=".opml,.xml,text/xml,application/xml">
<label for="opml-text">or paste it</label><textarea id="opml-text" name="opml" rows="3"></textarea><button type="submit">Import</button></form></div>`
    : html`<form class="signin" method="post" action="/admin/login"><h2>Sign in to manage sources</h2><input type="hidden" name="_csrf" value="${csrf}"><label for="admin-token">Admin token</label><input id="admin-token" name="token" type="password" autocomplete="current-password" required><button type="submit">Sign in</button></form>`}
${admin && tokenSet ? html`<form method="post" action="/admin/logout" class="signout"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="link">Sign out</button></form>` : ''}`;
}

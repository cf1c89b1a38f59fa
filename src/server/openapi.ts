// The OpenAPI 3.1 description of every route the server answers: JSON API, pages, feeds, live
// updates. test/api.test.ts checks it against the routes the app registers, so it cannot drift.
const id = { name: 'id', in: 'path', required: true, schema: { type: 'string' } };
const paging = [
  { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
  { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
];
const json = (schema: object, description = 'OK'): object => ({ description, content: { 'application/json': { schema } } });
const ref = (name: string): object => ({ $ref: `#/components/schemas/${name}` });
const page = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } };
const err = { $ref: '#/components/responses/Error' };
const etag = { description: 'Not modified (the If-None-Match ETag still matches)' };
const list = (key: string, item: object): object => ({
  type: 'object',
  required: [key, 'page', 'limit', 'total', 'next'],
  properties: { [key]: { type: 'array', items: item }, page: { type: 'integer' }, limit: { type: 'integer' }, total: { type: 'integer' }, next: { type: ['string', 'null'], description: 'URL of the next page' } },
});
const mutating = { security: [{}, { adminToken: [] }], parameters: [{ name: 'X-CSRF-Token', in: 'header', schema: { type: 'string' }, description: 'The CSRF token (GET /api/csrf); not needed with the admin Bearer token' }] };
const form = (props: Record<string, object>, required: string[], type = 'application/x-www-form-urlencoded'): object => ({
  required: true,
  content: { [type]: { schema: { type: 'object', required: ['_csrf', ...required], properties: { _csrf: { type: 'string' }, ...props } } } },
});
const redirect = { 303: { description: 'Done; redirects to the page' } };

export function openapi(): object {
  return {
    openapi: '3.1.0',
    info: { title: 'Storyline', version: '0.1.0', description: 'Stories, their sourced timelines, entities and articles. Lists are paginated (page, limit; `next` and a Link header). GET responses carry an ETag; send If-None-Match for a 304. Mutating requests need the CSRF token (cookie + X-CSRF-Token header or _csrf form field) or, when an admin token is configured, `Authorization: Bearer <token>`.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { adminToken: { type: 'http', scheme: 'bearer', description: 'STORYLINE_ADMIN_TOKEN, when the server has one' } },
      responses: { Error: json({ type: 'object', required: ['error'], properties: { error: { type: 'string' } } }, 'An error, with its reason') },
      schemas: {
        Story: { type: 'object', required: ['id', 'title', 'summary', 'articleIds', 'entityIds', 'eventIds', 'firstSeenAt', 'updatedAt'], properties: { id: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, articleIds: { type: 'array', items: { type: 'string' } }, entityIds: { type: 'array', items: { type: 'string' } }, eventIds: { type: 'array', items: { type: 'string' } }, firstSeenAt: { type: 'string' }, updatedAt: { type: 'string' }, sourceCount: { type: 'integer' }, languages: { type: 'object', additionalProperties: { type: 'integer' } }, firstAt: { type: ['string', 'null'] }, lastAt: { type: ['string', 'null'] } } },
        Article: { type: 'object', required: ['id', 'title', 'text', 'language'], properties: { id: { type: 'string' }, input: { type: 'string' }, url: { type: ['string', 'null'] }, title: { type: 'string' }, subtitle: { type: ['string', 'null'] }, authors: { type: 'array', items: { type: 'string' } }, site: { type: ['string', 'null'] }, tags: { type: 'array', items: { type: 'string' } }, publishedAt: { type: ['string', 'null'] }, publishedAtSource: { type: ['string', 'null'] }, language: { type: 'string' }, text: { type: 'string' }, blocks: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['p', 'h', 'quote', 'li', 'pre'] }, text: { type: 'string' } } } }, removed: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, reason: { type: 'string' } } } }, duplicateOf: { type: ['string', 'null'] }, storyId: { type: ['string', 'null'] } } },
        ArticleLite: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, site: { type: ['string', 'null'] }, url: { type: ['string', 'null'] }, authors: { type: 'array', items: { type: 'string' } }, language: { type: 'string' }, publishedAt: { type: ['string', 'null'] }, ingestedAt: { type: 'string' }, duplicateOf: { type: ['string', 'null'] }, versionOf: { type: ['string', 'null'] }, storyId: { type: ['string', 'null'] } } },
        ArticleRecord: { type: 'object', description: 'One article pushed by a client: text or html is required.', properties: { title: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' }, url: { type: 'string', format: 'uri' }, authors: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, publishedAt: { type: 'string' }, site: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, language: { type: 'string' }, subtitle: { type: 'string' } } },
        Event: { type: 'object', required: ['id', 'storyId', 'type', 'summary', 'date', 'sources', 'status'], properties: { id: { type: 'string' }, storyId: { type: 'string' }, type: { type: 'string' }, summary: { type: 'string' }, participants: { type: 'array', items: { type: 'object', properties: { entityId: { type: 'string' }, role: { type: 'string' } } } }, date: { type: 'object', properties: { start: { type: ['string', 'null'] }, end: { type: ['string', 'null'] }, precision: { enum: ['hour', 'day', 'week', 'month', 'year', 'unknown'] }, text: { type: 'string' } } }, sources: { type: 'array', items: { type: 'object', properties: { articleId: { type: 'string' }, sentence: { type: 'string' }, reportedAt: { type: ['string', 'null'] } } } }, status: { enum: ['reported', 'confirmed', 'superseded', 'contradicted', 'retracted'] }, supersededBy: { type: ['string', 'null'] }, contradicts: { type: 'array', items: { type: 'string' } } } },
        Entity: { type: 'object', required: ['id', 'name', 'type', 'aliases', 'roles'], properties: { id: { type: 'string' }, name: { type: 'string' }, type: { enum: ['person', 'organization', 'place', 'product', 'other'] }, aliases: { type: 'array', items: { type: 'string' } }, mentions: { type: 'array', items: { type: 'object' } }, roles: { type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, label: { type: 'string' }, organizationId: { type: ['string', 'null'] }, from: { type: ['string', 'null'] }, to: { type: ['string', 'null'] }, interim: { type: 'boolean' }, sources: { type: 'array', items: { type: 'object' } } } } } } },
        Feed: { type: 'object', properties: { id: { type: 'string' }, url: { type: 'string' }, title: { type: ['string', 'null'] }, lastStatus: { type: ['integer', 'null'] }, lastError: { type: ['string', 'null'] }, lastPolledAt: { type: ['string', 'null'] }, nextPollAt: { type: 'string' }, errorCount: { type: 'integer' }, entryCount: { type: 'integer' } } },
      },
    },
    paths: {
      '/healthz': { get: { summary: 'Health and counts', responses: { 200: json({ type: 'object', properties: { ok: { type: 'boolean' }, inputs: { type: 'integer' }, articles: { type: 'integer' }, stories: { type: 'integer' } } }) } } },
      '/api/openapi.json': { get: { summary: 'This document', responses: { 200: json({ type: 'object' }) } } },
      '/api/csrf': { get: { summary: 'The CSRF token for scripted mutating requests (also sets its cookie)', responses: { 200: json({ type: 'object', properties: { token: { type: 'string' } } }) } } },
      '/api/stories': { get: { summary: 'Stories ranked by freshness and independent sources', parameters: paging, responses: { 200: json(list('stories', ref('Story'))), 304: etag } } },
      '/api/stories/{id}': { get: { summary: 'A story with its timeline, entities and articles', parameters: [id], responses: { 200: json({ type: 'object', properties: { story: ref('Story'), mergedFrom: { type: ['string', 'null'] }, timeline: { type: 'array', items: ref('Event') }, entities: { type: 'array', items: ref('Entity') }, articles: { type: 'array', items: ref('ArticleLite') } } }), 304: etag, 404: err } } },
      '/api/articles': {
        get: { summary: 'Articles, newest first', parameters: paging, responses: { 200: json(list('articles', ref('Article'))), 304: etag } },
        post: { summary: 'Push one article record through the pipeline', ...mutating, requestBody: { required: true, content: { 'application/json': { schema: ref('ArticleRecord') } } }, responses: { 201: json({ type: 'object', properties: { id: { type: 'string' }, storyId: { type: ['string', 'null'] }, duplicateOf: { type: ['string', 'null'] }, status: { enum: ['stored', 'duplicate'] } } }, 'Stored'), 200: json({ type: 'object', properties: { id: { type: 'string' }, status: { const: 'unchanged' } } }, 'Already stored'), 400: err, 401: err, 403: err, 413: err, 422: err } },
      },
      '/api/articles/{id}': { get: { summary: 'One article (export shape)', parameters: [id], responses: { 200: json(ref('Article')), 304: etag, 404: err } } },
      '/api/entities/{id}': { get: { summary: 'An entity with its roles over time, events and stories', parameters: [id], responses: { 200: json({ type: 'object', properties: { entity: ref('Entity'), events: { type: 'array', items: ref('Event') }, stories: { type: 'array', items: { type: 'object' } } } }), 304: etag, 404: err } } },
      '/api/search': { get: { summary: 'Full-text search; matches in snippets are marked [[like this]]', parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }, { name: 'lang', in: 'query', schema: { type: 'string' } }, { name: 'site', in: 'query', schema: { type: 'string' } }, { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } }, { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } }, ...paging], responses: { 200: json(list('results', { allOf: [ref('ArticleLite'), { type: 'object', properties: { snippet: { type: 'string' } } }] })), 304: etag } } },
      '/api/sources': {
        get: { summary: 'Feed subscriptions with status and errors', responses: { 200: json({ type: 'object', properties: { feeds: { type: 'array', items: ref('Feed') } } }), 304: etag } },
        post: { summary: 'Subscribe to a feed', ...mutating, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['url'], properties: { url: { type: 'string' }, category: { type: 'string' }, title: { type: 'string' } } } } } }, responses: { 201: json({ type: 'object' }, 'Subscribed'), 200: json({ type: 'object' }, 'Already subscribed'), 400: err, 401: err, 403: err } },
      },
      '/api/corrections': { get: { summary: "Readers' correction requests (admin)", security: [{}, { adminToken: [] }], parameters: [{ name: 'article', in: 'query', schema: { type: 'string' } }], responses: { 200: json({ type: 'object' }), 401: err } } },
      '/live': { get: { summary: 'Server-sent events: `update` events {count, since, cursor} when articles arrive after `since`; resumes with Last-Event-ID', parameters: [{ name: 'since', in: 'query', schema: { type: 'integer' } }, { name: 'story', in: 'query', schema: { type: 'string' } }, { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } }], responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } } } },
      '/': { get: { summary: 'Home page: ranked stories', parameters: paging.slice(0, 1), responses: { 200: page } } },
      '/stories/{id}': { get: { summary: 'Story page with its timeline (paged: 60 events a page), coverage and first articles', parameters: [id, ...paging.slice(0, 1)], responses: { 200: page, 301: { description: 'The story was merged into another' }, 304: etag, 404: page } } },
      '/stories/{id}/articles': { get: { summary: "A story's articles, duplicates folded under their original (paged)", parameters: [id, ...paging.slice(0, 1)], responses: { 200: page, 301: { description: 'The story was merged into another' }, 304: etag, 404: page } } },
      '/stories/{id}/feed.atom': { get: { summary: "Atom feed of a story's new and superseded facts", parameters: [id], responses: { 200: { description: 'Atom', content: { 'application/atom+xml': { schema: { type: 'string' } } } }, 304: etag, 404: err } } },
      '/stories/{id}/feed.json': { get: { summary: "JSON Feed of a story's new and superseded facts", parameters: [id], responses: { 200: { description: 'JSON Feed 1.1', content: { 'application/feed+json': { schema: { type: 'object' } } } }, 304: etag, 404: err } } },
      '/entities/{id}': { get: { summary: 'Entity page: roles over time, aliases, events, stories', parameters: [id], responses: { 200: page, 404: page } } },
      '/entities/{id}/feed.atom': { get: { summary: "Atom feed of an entity's new and superseded facts", parameters: [id], responses: { 200: { description: 'Atom', content: { 'application/atom+xml': { schema: { type: 'string' } } } }, 304: etag, 404: err } } },
      '/entities/{id}/feed.json': { get: { summary: "JSON Feed of an entity's new and superseded facts", parameters: [id], responses: { 200: { description: 'JSON Feed 1.1', content: { 'application/feed+json': { schema: { type: 'object' } } } }, 304: etag, 404: err } } },
      '/articles/{id}': { get: { summary: 'Article reader view', parameters: [id], responses: { 200: page, 404: page } } },
      '/articles/{id}/report': { post: { summary: 'Report an error in an article (records a correction request)', parameters: [id], requestBody: form({ message: { type: 'string' }, quote: { type: 'string' } }, ['message']), responses: { ...redirect, 200: page, 400: page, 403: page } } },
      '/search': { get: { summary: 'Search page', parameters: [{ name: 'q', in: 'query', schema: { type: 'string' } }, { name: 'lang', in: 'query', schema: { type: 'string' } }, { name: 'site', in: 'query', schema: { type: 'string' } }, { name: 'from', in: 'query', schema: { type: 'string' } }, { name: 'to', in: 'query', schema: { type: 'string' } }, ...paging.slice(0, 1)], responses: { 200: page } } },
      '/sources': { get: { summary: 'Sources page: subscriptions, status, errors, OPML import', responses: { 200: page } } },
      '/sources/feeds': { post: { summary: 'Subscribe to a feed (form)', ...mutating, requestBody: form({ url: { type: 'string' }, category: { type: 'string' } }, ['url']), responses: { ...redirect, 400: page, 401: page, 403: page } } },
      '/sources/opml': { post: { summary: 'Import an OPML subscription list (form)', ...mutating, requestBody: form({ file: { type: 'string', format: 'binary' }, opml: { type: 'string' } }, [], 'multipart/form-data'), responses: { ...redirect, 400: page, 401: page, 403: page } } },
      '/admin/login': {
        get: { summary: 'Redirects to the sign-in form on the Sources page', responses: { 302: { description: 'To /sources' } } },
        post: { summary: 'Sign in with the admin token (sets an HttpOnly, SameSite=Strict cookie)', requestBody: form({ token: { type: 'string' } }, ['token']), responses: { ...redirect, 401: page, 403: page } },
      },
      '/admin/logout': { post: { summary: 'Sign out', requestBody: form({}, []), responses: { ...redirect, 403: page } } },
      '/assets/{name}': { get: { summary: 'Stylesheet and scripts (style.css, app.js, htmx.min.js)', parameters: [{ name: 'name', in: 'path', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'The file' }, 404: page } } },
      '/favicon.ico': { get: { summary: 'No icon', responses: { 204: { description: 'Empty' } } } },
    },
  };
}

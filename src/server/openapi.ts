// The OpenAPI 3.1 description of the machine-readable routes: JSON API, outgoing feeds, live
// updates, health. Pages, their forms and static files are for browsers and are listed in
// NOT_API instead; test/api.test.ts checks that the two lists together are exactly the routes the
// app registers, so neither can drift. Every operation has an operationId and a tag (client
// generators name their methods and group them by these).
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
const mutating = { security: [{ adminToken: [] }, { csrf: [] }], parameters: [{ name: 'X-CSRF-Token', in: 'header', schema: { type: 'string' }, description: 'The CSRF token from GET /api/csrf (with its cookie); not needed with the admin Bearer token' }] };
const op = (operationId: string, tag: string, rest: object): object => ({ operationId, tags: [tag], ...rest });

/** Routes for browsers (HTML pages, their forms, static files): not part of the API. */
export const NOT_API: ReadonlySet<string> = new Set([
  'get /',
  'get /stories/{id}',
  'get /stories/{id}/articles',
  'get /entities/{id}',
  'get /articles/{id}',
  'post /articles/{id}/report',
  'get /search',
  'get /sources',
  'post /sources/feeds',
  'post /sources/feeds/{id}/refresh',
  'post /sources/feeds/{id}/edit',
  'post /sources/feeds/{id}/remove',
  'post /sources/opml',
  'get /sources/export.opml',
  'get /admin/login',
  'post /admin/login',
  'post /admin/logout',
  'get /assets/{name}',
  'get /favicon.ico',
]);

const SCHEMAS = {
  StorySummary: { type: 'object', required: ['id', 'title', 'summary', 'firstSeenAt', 'updatedAt'], properties: { id: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, firstSeenAt: { type: 'string' }, updatedAt: { type: 'string' }, sourceCount: { type: 'integer' }, languages: { type: 'object', additionalProperties: { type: 'integer' } }, firstAt: { type: ['string', 'null'] }, lastAt: { type: ['string', 'null'] } } },
  Story: { type: 'object', required: ['id', 'title', 'summary', 'articleIds', 'entityIds', 'eventIds', 'firstSeenAt', 'updatedAt'], properties: { id: { type: 'string' }, title: { type: 'string' }, summary: { type: 'string' }, articleIds: { type: 'array', items: { type: 'string' } }, entityIds: { type: 'array', items: { type: 'string' } }, eventIds: { type: 'array', items: { type: 'string' } }, firstSeenAt: { type: 'string' }, updatedAt: { type: 'string' }, sourceCount: { type: 'integer' }, languages: { type: 'object', additionalProperties: { type: 'integer' } }, firstAt: { type: ['string', 'null'] }, lastAt: { type: ['string', 'null'] } } },
  Article: { type: 'object', required: ['id', 'title', 'text', 'language'], properties: { id: { type: 'string' }, input: { type: 'string' }, url: { type: ['string', 'null'] }, title: { type: 'string' }, subtitle: { type: ['string', 'null'] }, authors: { type: 'array', items: { type: 'string' } }, site: { type: ['string', 'null'] }, tags: { type: 'array', items: { type: 'string' } }, publishedAt: { type: ['string', 'null'] }, publishedAtSource: { type: ['string', 'null'] }, language: { type: 'string' }, text: { type: 'string' }, blocks: { type: 'array', items: { type: 'object', properties: { kind: { enum: ['p', 'h', 'quote', 'li', 'pre'] }, text: { type: 'string' } } } }, removed: { type: 'array', items: { type: 'object', properties: { text: { type: 'string' }, reason: { type: 'string' } } } }, duplicateOf: { type: ['string', 'null'] }, storyId: { type: ['string', 'null'] } } },
  ArticleLite: { type: 'object', properties: { id: { type: 'string' }, title: { type: 'string' }, site: { type: ['string', 'null'] }, url: { type: ['string', 'null'] }, authors: { type: 'array', items: { type: 'string' } }, language: { type: 'string' }, publishedAt: { type: ['string', 'null'] }, ingestedAt: { type: 'string' }, duplicateOf: { type: ['string', 'null'] }, versionOf: { type: ['string', 'null'] }, storyId: { type: ['string', 'null'] } } },
  ArticleRecord: { type: 'object', description: 'One article pushed by a client: text or html is required.', properties: { title: { type: 'string' }, text: { type: 'string' }, html: { type: 'string' }, url: { type: 'string', format: 'uri' }, authors: { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] }, publishedAt: { type: 'string' }, site: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } }, language: { type: 'string' }, subtitle: { type: 'string' } } },
  Event: { type: 'object', required: ['id', 'storyId', 'type', 'summary', 'date', 'sources', 'status'], properties: { id: { type: 'string' }, storyId: { type: 'string' }, type: { type: 'string' }, summary: { type: 'string' }, participants: { type: 'array', items: { type: 'object', properties: { entityId: { type: 'string' }, role: { type: 'string' } } } }, date: { type: 'object', properties: { start: { type: ['string', 'null'] }, end: { type: ['string', 'null'] }, precision: { enum: ['hour', 'day', 'week', 'month', 'year', 'unknown'] }, text: { type: 'string' } } }, sources: { type: 'array', items: { type: 'object', properties: { articleId: { type: 'string' }, sentence: { type: 'string' }, reportedAt: { type: ['string', 'null'] } } } }, status: { enum: ['reported', 'confirmed', 'superseded', 'contradicted', 'retracted'] }, supersededBy: { type: ['string', 'null'] }, contradicts: { type: 'array', items: { type: 'string' } } } },
  Entity: { type: 'object', required: ['id', 'name', 'type', 'aliases', 'roles'], properties: { id: { type: 'string' }, name: { type: 'string' }, type: { enum: ['person', 'organization', 'place', 'product', 'other'] }, aliases: { type: 'array', items: { type: 'string' } }, mentions: { type: 'array', items: { type: 'object' } }, roles: { type: 'array', items: { type: 'object', properties: { role: { type: 'string' }, label: { type: 'string' }, organizationId: { type: ['string', 'null'] }, from: { type: ['string', 'null'] }, to: { type: ['string', 'null'] }, interim: { type: 'boolean' }, sources: { type: 'array', items: { type: 'object' } } } } } } },
  Feed: { type: 'object', properties: { id: { type: 'string' }, url: { type: 'string' }, title: { type: ['string', 'null'] }, lastStatus: { type: ['integer', 'null'] }, lastError: { type: ['string', 'null'] }, lastPolledAt: { type: ['string', 'null'] }, nextPollAt: { type: 'string' }, errorCount: { type: 'integer' }, entryCount: { type: 'integer' } } },
};

export function openapi(): object {
  const atom = { description: 'Atom 1.0', content: { 'application/atom+xml': { schema: { type: 'string' } } } };
  const jsonFeed = { description: 'JSON Feed 1.1', content: { 'application/feed+json': { schema: { type: 'object' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Storyline',
      version: '0.1.0',
      description:
        'Stories, their sourced timelines, entities and articles. Lists are paginated (page, limit; `next` and a Link header). GET responses carry an ETag; send If-None-Match for a 304.\n\n' +
        'Writing from a script: send `Authorization: Bearer <STORYLINE_ADMIN_TOKEN>`; no CSRF token is needed then. On a server without an admin token (a local, single-user one), GET /api/csrf first and send its cookie back with the token in the `X-CSRF-Token` header. Requests that a browser marks as cross-site (Origin, Sec-Fetch-Site) are refused. Refusals are JSON `{error}` naming what to do.\n\n' +
        'HTML pages and forms are for browsers and are not described here.',
    },
    servers: [{ url: '/' }],
    tags: [
      { name: 'stories', description: 'Stories and their timelines' },
      { name: 'articles', description: 'Articles, read and pushed' },
      { name: 'entities', description: 'People, organisations and places' },
      { name: 'search', description: 'Full-text search' },
      { name: 'sources', description: 'Feed subscriptions' },
      { name: 'corrections', description: "Readers' correction requests" },
      { name: 'feeds', description: 'Outgoing Atom and JSON feeds' },
      { name: 'live', description: 'Live updates' },
      { name: 'meta', description: 'Health, this document, the CSRF token' },
    ],
    components: {
      securitySchemes: {
        adminToken: { type: 'http', scheme: 'bearer', description: 'STORYLINE_ADMIN_TOKEN, when the server has one' },
        csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'The token of GET /api/csrf, with the cookie it sets' },
      },
      responses: { Error: json({ type: 'object', required: ['error'], properties: { error: { type: 'string' } } }, 'An error, with its reason') },
      schemas: SCHEMAS,
    },
    paths: {
      '/healthz': { get: op('getHealth', 'meta', { summary: 'Health and counts', responses: { 200: json({ type: 'object', properties: { ok: { type: 'boolean' }, inputs: { type: 'integer' }, articles: { type: 'integer' }, stories: { type: 'integer' } } }) } }) },
      '/api/openapi.json': { get: op('getOpenApi', 'meta', { summary: 'This document', responses: { 200: json({ type: 'object' }) } }) },
      '/api/csrf': { get: op('getCsrfToken', 'meta', { summary: 'The CSRF token for scripted writes on a server without an admin token (also sets its cookie)', responses: { 200: json({ type: 'object', properties: { token: { type: 'string' }, header: { type: 'string' }, cookie: { type: 'string' } } }) } }) },
      '/api/stories': { get: op('listStories', 'stories', { summary: 'Stories ranked by freshness and independent sources (their article, entity and event ids are in GET /api/stories/{id})', parameters: paging, responses: { 200: json(list('stories', ref('StorySummary'))), 304: etag } }) },
      '/api/stories/{id}': { get: op('getStory', 'stories', { summary: 'A story with its timeline, entities and articles', parameters: [id], responses: { 200: json({ type: 'object', properties: { story: ref('Story'), mergedFrom: { type: ['string', 'null'] }, timeline: { type: 'array', items: ref('Event') }, entities: { type: 'array', items: ref('Entity') }, articles: { type: 'array', items: ref('ArticleLite') } } }), 304: etag, 404: err } }) },
      '/feed.atom': { get: op('newStoriesAtom', 'feeds', { summary: 'Atom feed of new stories, site-wide', responses: { 200: atom, 304: etag } }) },
      '/api/articles': {
        get: op('listArticles', 'articles', { summary: 'Articles, newest first', parameters: paging, responses: { 200: json(list('articles', ref('Article'))), 304: etag } }),
        post: op('pushArticle', 'articles', { summary: 'Push one article record through the pipeline (extracted off the server thread, within a deadline)', ...mutating, requestBody: { required: true, content: { 'application/json': { schema: ref('ArticleRecord') } } }, responses: { 201: json({ type: 'object', properties: { id: { type: 'string' }, storyId: { type: ['string', 'null'] }, duplicateOf: { type: ['string', 'null'] }, status: { enum: ['stored', 'duplicate'] } } }, 'Stored'), 200: json({ type: 'object', properties: { id: { type: 'string' }, status: { const: 'unchanged' } } }, 'Already stored'), 400: err, 401: err, 403: err, 413: err, 422: err } }),
      },
      '/api/articles/{id}': { get: op('getArticle', 'articles', { summary: 'One article (export shape; `input` without server paths or credentials)', parameters: [id], responses: { 200: json(ref('Article')), 304: etag, 404: err } }) },
      '/api/entities/{id}': { get: op('getEntity', 'entities', { summary: 'An entity with its roles over time (for an organisation, its office holders), events and stories', parameters: [id], responses: { 200: json({ type: 'object', properties: { entity: ref('Entity'), events: { type: 'array', items: ref('Event') }, stories: { type: 'array', items: { type: 'object' } } } }), 304: etag, 404: err } }) },
      '/api/search': { get: op('search', 'search', { summary: 'Full-text search; matches in snippets are marked [[like this]]', parameters: [{ name: 'q', in: 'query', required: true, schema: { type: 'string' } }, { name: 'lang', in: 'query', schema: { type: 'string' } }, { name: 'site', in: 'query', schema: { type: 'string' } }, { name: 'from', in: 'query', schema: { type: 'string', format: 'date' } }, { name: 'to', in: 'query', schema: { type: 'string', format: 'date' } }, ...paging], responses: { 200: json(list('results', { allOf: [ref('ArticleLite'), { type: 'object', properties: { snippet: { type: 'string' } } }] })), 304: etag } }) },
      '/api/sources': {
        get: op('listSources', 'sources', { summary: 'Feed subscriptions with status and errors (addresses and errors redacted unless the admin token is sent)', parameters: [paging[0], { ...paging[1], schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }], responses: { 200: json(list('feeds', ref('Feed'))), 304: etag } }),
        post: op('subscribe', 'sources', { summary: 'Subscribe to a feed, checked at once: a site address is searched for its feed (<link rel="alternate">)', ...mutating, requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['url'], properties: { url: { type: 'string' }, category: { type: 'string' }, title: { type: 'string' } } } } } }, responses: { 201: json({ type: 'object' }, 'Subscribed'), 200: json({ type: 'object' }, 'Already subscribed'), 400: err, 401: err, 403: err, 422: err } }),
      },
      '/api/sources/{id}': { delete: op('unsubscribe', 'sources', { summary: 'Unsubscribe (the articles stay)', ...mutating, parameters: [id, ...mutating.parameters], responses: { 204: { description: 'Unsubscribed' }, 401: err, 403: err, 404: err } }) },
      '/api/sources/{id}/refresh': { post: op('refreshSource', 'sources', { summary: 'Poll a feed now', ...mutating, parameters: [id, ...mutating.parameters], responses: { 202: json({ type: 'object' }, 'Due now'), 401: err, 403: err, 404: err } }) },
      '/api/corrections': { get: op('listCorrections', 'corrections', { summary: "Readers' correction requests (admin)", security: [{ adminToken: [] }], parameters: [{ name: 'article', in: 'query', schema: { type: 'string' } }], responses: { 200: json({ type: 'object' }), 401: err } }) },
      '/live': { get: op('liveUpdates', 'live', { summary: 'Server-sent events: `update` events {count, since, cursor} when articles arrive after `since`; `analysed` when a story is analysed; resumes with Last-Event-ID', parameters: [{ name: 'since', in: 'query', schema: { type: 'integer' } }, { name: 'analysed', in: 'query', schema: { type: 'integer' } }, { name: 'story', in: 'query', schema: { type: 'string' } }, { name: 'Last-Event-ID', in: 'header', schema: { type: 'string' } }], responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } } }) },
      '/stories/{id}/feed.atom': { get: op('storyFeedAtom', 'feeds', { summary: "Atom feed of a story's new and superseded facts", parameters: [id], responses: { 200: atom, 304: etag, 404: err } }) },
      '/stories/{id}/feed.json': { get: op('storyFeedJson', 'feeds', { summary: "JSON Feed of a story's new and superseded facts", parameters: [id], responses: { 200: jsonFeed, 304: etag, 404: err } }) },
      '/entities/{id}/feed.atom': { get: op('entityFeedAtom', 'feeds', { summary: "Atom feed of an entity's new and superseded facts", parameters: [id], responses: { 200: atom, 404: err } }) },
      '/entities/{id}/feed.json': { get: op('entityFeedJson', 'feeds', { summary: "JSON Feed of an entity's new and superseded facts", parameters: [id], responses: { 200: jsonFeed, 404: err } }) },
    },
  };
}

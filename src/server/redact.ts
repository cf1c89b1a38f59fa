// What a public page may show of a source. Feed addresses can carry credentials (user:pw@, a
// key in the query), fetch errors name internal hosts and addresses, and an ingested file's name
// is a path on the server: readers see none of it. The admin sees everything (sources page,
// API with the admin token); the export of the CLI is the operator's own and keeps it all.

/** A URL without its credentials and query: "https://feeds.example/rss?…". */
export function publicUrl(url: string): string {
  try {
    const u = new URL(url);
    const query = u.search ? '?…' : '';
    return `${u.protocol}//${u.host}${u.pathname}${query}`;
  } catch {
    return 'an address that is not a URL';
  }
}

/** An article's `input` for readers: a URL as above, a file by its name alone, never its folder. */
export function publicInput(input: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    const hash = input.indexOf('#');
    return publicUrl(hash >= 0 ? input.slice(0, hash) : input);
  }
  if (/^api:/.test(input)) return input;
  return input.split(/[\\/]/).filter(Boolean).pop() ?? 'a file';
}

/** A fetch error as readers may see it: its kind, never a host name, address or path. */
export function publicError(error: string): string {
  if (/\bHTTP (\d{3})\b/.exec(error)) return `the feed answered HTTP ${/\bHTTP (\d{3})\b/.exec(error)![1]}`;
  if (/host not found|DNS|has no address/i.test(error)) return 'the feed’s host was not found';
  if (/refused .*(private|loopback|link-local|reserved|guard)|resolves to/i.test(error)) return 'the feed’s address is not allowed';
  if (/timed out|deadline|no complete response/i.test(error)) return 'the feed did not answer in time';
  if (/not a readable|not a feed|malformed/i.test(error)) return 'the feed could not be read';
  return 'the last poll failed';
}

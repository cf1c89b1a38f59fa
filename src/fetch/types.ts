// The fetch stage's input and output types. One client for everything the project reads over HTTP.

/** Why a fetch is made: robots.txt is obeyed for pages, not for feeds a user subscribed to. */
export type FetchPurpose = 'page' | 'feed' | 'robots';

export interface FetchOptions {
  purpose?: FetchPurpose;
  /** Whole-request deadline in ms: redirects, retry waits and the body all count. */
  timeoutMs?: number;
  /** Body cap in bytes, counted after decompression. */
  maxBytes?: number;
  maxRedirects?: number;
  /** Conditional GET: the validators of the copy we already hold. */
  etag?: string | null;
  lastModified?: string | null;
  /** Extra request headers. Authorization and Cookie go to the first origin only. */
  headers?: Record<string, string>;
  accept?: string;
  /** Lift the SSRF guard (loopback, private, link-local… become reachable). */
  allowPrivateNetwork?: boolean;
  /** Addresses or CIDR ranges reachable even with the guard on ("10.0.0.5", "127.0.0.1/32"). */
  allowAddresses?: string[];
  /** Retries after 429/503, and the longest Retry-After wait honored in-process, in ms. */
  retries?: number;
  maxRetryWaitMs?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The URL asked for. */
  requestedUrl: string;
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  /** 304: the copy we hold is current; `bytes` is empty. */
  notModified: boolean;
  bytes: Uint8Array;
  contentType: string | null;
  /** The charset of the Content-Type header, if it names one. */
  charset: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Cache-Control max-age, in seconds. */
  maxAgeSeconds: number | null;
  /** Every hop after the first. */
  redirects: string[];
  fetchedAt: string;
}

export type FetchErrorCode =
  | 'bad-url'
  | 'blocked'
  | 'robots'
  | 'timeout'
  | 'aborted'
  | 'too-large'
  | 'too-many-redirects'
  | 'http'
  | 'decoding'
  | 'network';

export class FetchError extends Error {
  readonly code: FetchErrorCode;
  readonly url: string;
  readonly status: number | undefined;
  /** From Retry-After on 429/503 when the wait could not be made in-process. */
  readonly retryAfterMs: number | undefined;

  constructor(code: FetchErrorCode, url: string, message: string, extra: { status?: number; retryAfterMs?: number } = {}) {
    super(message);
    this.name = 'FetchError';
    this.code = code;
    this.url = url;
    this.status = extra.status;
    this.retryAfterMs = extra.retryAfterMs;
  }
}

// The SSRF guard. A URL given by a user or a feed must not make the server reach its own
// network: loopback, private ranges, link-local (cloud metadata at 169.254.169.254), CGNAT,
// unique-local, multicast, and every spelling of them (decimal, octal and hex IPv4 are
// normalized by the WHATWG URL parser; IPv4-mapped, -compatible, NAT64, 6to4 and Teredo IPv6
// carry an IPv4 address that is checked in turn). The check runs twice: on each URL before a
// request (literal addresses, schemes), and on the addresses DNS returns at connect time, so a
// name that resolves to a private address, or re-resolves to one later (DNS rebinding), is
// refused before any connection is opened.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { createRequire } from 'node:module';
import type { buildConnector } from 'undici';
import type * as Undici from 'undici';

// undici takes about a tenth of a second to load: loaded (synchronously, Node's require) when the
// first guarded connection is built, so that a process that fetches nothing never pays for it.
const load = createRequire(import.meta.url);

/** IPv4 ranges that are never public, with the name given in refusals. */
const V4_BLOCKED: Array<[string, number, string]> = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation (192.0.2.0/24)'],
  ['192.88.99.0', 24, '6to4 relay anycast (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'reserved or broadcast (240.0.0.0/4)'],
];

/** IPv6 ranges refused outright (prefix as 8 hextets, length). Forms that embed an IPv4 address
 * are handled apart so that a public IPv4 behind NAT64 (DNS64 networks) stays reachable. */
const V6_BLOCKED: Array<[string, number, string]> = [
  ['::', 128, 'unspecified (::)'],
  ['::1', 128, 'loopback (::1)'],
  ['::', 96, 'IPv4-compatible IPv6 (::/96, deprecated)'],
  ['64:ff9b:1::', 48, 'local-use NAT64 (64:ff9b:1::/48)'],
  ['100::', 64, 'discard-only (100::/64)'],
  ['2001:db8::', 32, 'documentation (2001:db8::/32)'],
  ['2001:10::', 28, 'ORCHID (2001:10::/28)'],
  ['2001:2::', 48, 'benchmarking (2001:2::/48)'],
  ['fc00::', 7, 'unique-local (fc00::/7)'],
  ['fe80::', 10, 'link-local (fe80::/10)'],
  ['fec0::', 10, 'site-local (fec0::/10, deprecated)'],
  ['ff00::', 8, 'multicast (ff00::/8)'],
];

function v4ToInt(ip: string): number {
  const p = ip.split('.').map(Number);
  return ((p[0]! << 24) | (p[1]! << 16) | (p[2]! << 8) | p[3]!) >>> 0;
}

const intToV4 = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** Eight 16-bit groups of an IPv6 address (zone id dropped), or undefined if it is not one. */
export function parseV6(input: string): number[] | undefined {
  let s = input.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (isIP(s) !== 6) return undefined;
  let tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (dotted) {
    const n = v4ToInt(dotted[1]!);
    tail = [n >>> 16, n & 0xffff];
    s = s.slice(0, -dotted[1]!.length);
    if (s.endsWith(':') && !s.endsWith('::')) s = s.slice(0, -1);
  }
  const [head, rest] = s.split('::') as [string, string | undefined];
  const groups = (x: string): number[] => (x ? x.split(':').map((g) => parseInt(g, 16)) : []);
  const left = groups(head);
  const right = [...groups(rest ?? ''), ...tail];
  if (rest === undefined) return [...left, ...tail];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function inV6Prefix(groups: number[], prefix: string, bits: number): boolean {
  const p = parseV6(prefix)!;
  for (let i = 0; i < 8 && bits > 0; i++, bits -= 16) {
    const mask = bits >= 16 ? 0xffff : (0xffff << (16 - bits)) & 0xffff;
    if ((groups[i]! & mask) !== (p[i]! & mask)) return false;
  }
  return true;
}

/** Why an IPv4 address (dotted quad) is not public, or undefined when it is. */
function v4Reason(ip: string): string | undefined {
  const n = v4ToInt(ip);
  for (const [base, bits, name] of V4_BLOCKED) {
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    if ((n & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0) return name;
  }
  return undefined;
}

function v6Reason(groups: number[]): string | undefined {
  const embedded = (hi: number, lo: number): string => intToV4(((hi << 16) | lo) >>> 0);
  const z = (from: number, to: number): boolean => groups.slice(from, to).every((g) => g === 0);
  // IPv4-mapped (::ffff:a.b.c.d) and IPv4-translated (::ffff:0:a.b.c.d) reach the IPv4 address itself.
  if (z(0, 5) && groups[5] === 0xffff) return prefixed('IPv4-mapped IPv6', embedded(groups[6]!, groups[7]!));
  if (z(0, 4) && groups[4] === 0xffff && groups[5] === 0) return prefixed('IPv4-translated IPv6', embedded(groups[6]!, groups[7]!));
  if (inV6Prefix(groups, '64:ff9b::', 96)) return prefixed('NAT64 (64:ff9b::/96)', embedded(groups[6]!, groups[7]!));
  if (groups[0] === 0x2002) return prefixed('6to4 (2002::/16)', embedded(groups[1]!, groups[2]!));
  if (groups[0] === 0x2001 && groups[1] === 0) return prefixed('Teredo (2001::/32)', embedded(groups[6]! ^ 0xffff, groups[7]! ^ 0xffff));
  for (const [prefix, bits, name] of V6_BLOCKED) if (inV6Prefix(groups, prefix, bits)) return name;
  return undefined;
}

function prefixed(form: string, v4: string): string | undefined {
  const r = v4Reason(v4);
  return r && `${form} of ${v4}, ${r}`;
}

/** Why an IP address may not be fetched from, or undefined when it is a public address. */
export function blockedReason(ip: string): string | undefined {
  const bare = ip.replace(/^\[|\]$/g, '');
  const family = isIP(bare.split('%')[0]!);
  if (family === 4) return v4Reason(bare);
  if (family === 6) {
    const g = parseV6(bare);
    return g ? v6Reason(g) : 'unparseable IPv6 address';
  }
  return undefined;
}

/** Matches an address against "a.b.c.d", "a.b.c.d/n", "v6" or "v6/n" entries. */
export function addressAllowed(ip: string, allow: readonly string[] | undefined): boolean {
  if (!allow?.length) return false;
  const bare = ip.replace(/^\[|\]$/g, '');
  for (const entry of allow) {
    const [base, len] = entry.split('/') as [string, string | undefined];
    if (isIP(bare) === 4 && isIP(base) === 4) {
      const bits = len === undefined ? 32 : Number(len);
      const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
      if ((v4ToInt(bare) & mask) >>> 0 === (v4ToInt(base) & mask) >>> 0) return true;
    } else if (isIP(bare) === 6 && isIP(base) === 6) {
      if (inV6Prefix(parseV6(bare)!, base, len === undefined ? 128 : Number(len))) return true;
    }
  }
  return false;
}

export interface GuardPolicy {
  allowPrivateNetwork: boolean;
  allowAddresses?: readonly string[];
  /** Host names that may resolve to private addresses (a self-hosted RSS-Bridge on the LAN):
   * the exception is the name's, so another name resolving to the same address stays refused. */
  allowHosts?: readonly string[];
}

/** Splits an allow-list ("rss-bridge.lan, 192.168.1.20, 10.8.0.0/16") into names and addresses. */
export function parseAllowList(list: string): { allowAddresses: string[]; allowHosts: string[] } {
  const allowAddresses: string[] = [];
  const allowHosts: string[] = [];
  for (const raw of list.split(/[,\s]+/)) {
    const entry = raw.trim().toLowerCase().replace(/^\[|\]$/g, '');
    if (!entry) continue;
    if (isIP(entry.split('/')[0]!)) allowAddresses.push(entry);
    else allowHosts.push(entry.replace(/\.$/, ''));
  }
  return { allowAddresses, allowHosts };
}

const hostAllowed = (host: string, policy: GuardPolicy): boolean => !!policy.allowHosts?.includes(host.toLowerCase().replace(/\.$/, ''));

export class BlockedAddressError extends Error {
  readonly code = 'ESTORYLINE_BLOCKED';
}

function addressVerdict(ip: string, policy: GuardPolicy): string | undefined {
  if (policy.allowPrivateNetwork || addressAllowed(ip, policy.allowAddresses)) return undefined;
  return blockedReason(ip);
}

/** Why a URL may not be fetched before any DNS or connection, or undefined. */
export function urlVerdict(url: URL, policy: GuardPolicy): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `the ${url.protocol.replace(/:$/, '')}: scheme is not fetched (only http and https)`;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!host) return 'no host';
  if (isIP(host)) {
    const why = addressVerdict(host, policy);
    return why && `${host} is ${why}; STORYLINE_ALLOW_PRIVATE_HOSTS=${host} allows this address alone, --allow-private-network lifts the whole guard`;
  }
  if (hostAllowed(host, policy)) return undefined;
  if (!policy.allowPrivateNetwork && (host === 'localhost' || host.endsWith('.localhost')))
    return `${host} is loopback; --allow-private-network lifts this guard`;
  return undefined;
}

/** DNS lookup that refuses the whole name when any of its addresses is not public: the check
 * happens where the socket gets its address, so what is checked is what is connected to. */
export function guardedLookup(policy: GuardPolicy): LookupFunction {
  return ((hostname: string, options: { all?: boolean; family?: number }, callback: (...a: unknown[]) => void) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err);
      if (!hostAllowed(hostname, policy))
        for (const a of addresses) {
        const why = addressVerdict(a.address, policy);
          if (why) return callback(new BlockedAddressError(`${hostname} resolves to ${a.address}, ${why}; STORYLINE_ALLOW_PRIVATE_HOSTS=${hostname} allows this host alone, --allow-private-network lifts the whole guard`));
        }
      if (!addresses.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }));
      if (options.all) callback(null, addresses);
      else callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  }) as LookupFunction;
}

/** An undici connector: literal addresses are checked before connecting (the OS skips DNS for
 * them, so the lookup hook would not see them), names through the guarded lookup. */
export function guardedConnector(policy: GuardPolicy): buildConnector.connector {
  const base = (load('undici') as typeof Undici).buildConnector({ lookup: guardedLookup(policy), timeout: 10_000 });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      const why = addressVerdict(host, policy);
      if (why) {
        callback(new BlockedAddressError(`${host} is ${why}; --allow-private-network lifts this guard`), null);
        return;
      }
    }
    base(options, callback);
  };
}

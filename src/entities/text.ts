// Folding that keeps every UTF-16 offset where it was, so that patterns matched on the folded
// text give offsets into the article text itself (mentions must point into the original).
import { createHash } from 'node:crypto';

const cache = new Map<number, string>();
function foldChar(ch: string, code: number): string {
  if (code < 128) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  let out = cache.get(code);
  if (out === undefined) {
    if (ch === '’' || ch === '‘' || ch === 'ʼ' || ch === '´' || ch === '`') out = "'";
    else if (ch === '\u00a0' || ch === '\u202f' || (code >= 0x2000 && code <= 0x200a)) out = ' ';
    else if (ch === '–' || ch === '—' || ch === '‑') out = '-';
    else {
      const d = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      out = d.length === 1 ? d : ch.toLowerCase().length === 1 ? ch.toLowerCase() : ch;
    }
    cache.set(code, out);
  }
  return out;
}

/** Lower case, no accents, straight apostrophes, same length as the input. */
export function foldSame(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += foldChar(s[i]!, s.charCodeAt(i));
  return out;
}

/** A short, stable id: the same input gives the same id in every story and every run. */
export function shortHash(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 16);
}

/** Levenshtein distance, stopping early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = 3): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Index of the last element whose key is <= pos, or -1 (arrays sorted by key). */
export function floorBy<T>(arr: readonly T[], pos: number, key: (t: T) => number): number {
  let lo = 0, hi = arr.length - 1, ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (key(arr[mid]!) <= pos) { ans = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return ans;
}

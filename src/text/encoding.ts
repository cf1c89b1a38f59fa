// Bytes to text. Order matters: a BOM is certain, a transport or in-document declaration is a
// claim, strict UTF-8 is a strong test (random legacy bytes almost never decode), windows-1252 is
// the usual truth for the rest of Western text. Mojibake (UTF-8 read as 1252 upstream) is
// repaired when the repair is unambiguous.
import { isUtf8 } from 'node:buffer';

export interface Decoded {
  text: string;
  encoding: string;
  /** What was repaired or guessed, for the logs and the removed/notes trail. */
  notes: string[];
}

export class BinaryInputError extends Error {}

/** Throws BinaryInputError for inputs that are not text at all. */
export function assertText(bytes: Uint8Array): void {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return; // UTF-16 BOM
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b === 0) throw new BinaryInputError(`binary content (NUL byte at offset ${i})`);
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  if (n > 0 && control / n > 0.1) throw new BinaryInputError(`binary content (${Math.round((control / n) * 100)}% control bytes)`);
}

const LABELS: Record<string, string> = {
  'utf8': 'utf-8', 'utf-8': 'utf-8', 'latin1': 'windows-1252', 'iso-8859-1': 'windows-1252', 'iso8859-1': 'windows-1252',
  'us-ascii': 'windows-1252', 'ascii': 'windows-1252', 'cp1252': 'windows-1252', 'windows-1252': 'windows-1252',
  'iso-8859-15': 'iso-8859-15', 'utf-16le': 'utf-16le', 'utf-16be': 'utf-16be', 'utf-16': 'utf-16le',
};

function normalizeLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (LABELS[l]) return LABELS[l];
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return undefined;
  }
}

// One decoder for every page: creating one costs more than decoding 4 KB with it (it keeps no
// state between calls that are not streamed).
const LATIN1 = new TextDecoder('latin1');

/** `<meta charset>` or `<meta http-equiv content="…charset=…">` in the first 4 KB, for HTML. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = LATIN1.decode(bytes.subarray(0, 4096));
  const m = /<meta[^>]+charset\s*=\s*["']?([\w:.-]+)/i.exec(head);
  return m?.[1];
}

/** Decode bytes: BOM, then declared charset (if it decodes), then strict UTF-8, then windows-1252. */
export function decode(bytes: Uint8Array, declared?: string): Decoded {
  const notes: string[] = [];
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return finish(new TextDecoder('utf-8').decode(bytes.subarray(3)), 'utf-8', notes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return finish(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf-16le', notes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return finish(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf-16be', notes);
  const label = normalizeLabel(declared);
  if (label && label !== 'utf-8') {
    // A declared legacy charset is trusted unless the bytes are in fact valid non-ASCII UTF-8:
    // servers and pages often claim ISO-8859-1 for UTF-8 content.
    const asUtf8 = tryUtf8(bytes);
    if (asUtf8 !== undefined && /[^\x00-\x7f]/.test(asUtf8)) {
      notes.push(`declared ${declared} but bytes are valid UTF-8`);
      return finish(asUtf8, 'utf-8', notes);
    }
    return finish(new TextDecoder(label).decode(bytes), label, notes);
  }
  const utf8 = tryUtf8(bytes);
  if (utf8 !== undefined) return finish(utf8, 'utf-8', notes);
  notes.push(label === 'utf-8' ? 'declared UTF-8 but invalid; decoded as windows-1252' : 'invalid UTF-8; decoded as windows-1252');
  return finish(new TextDecoder('windows-1252').decode(bytes), 'windows-1252', notes);
}

// Validation and decoding by Node's SIMD UTF-8 routines: several times faster than a fatal
// TextDecoder on the pages ingest reads (about a tenth of HTML extraction's time went there).
function tryUtf8(bytes: Uint8Array): string | undefined {
  if (!isUtf8(bytes)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

// UTF-8 sequences read as windows-1252: "Ã©" for "é", "â€™" for "’". Two or more hits and a
// clean round trip make the repair safe.
const MOJIBAKE = /[\u00C2\u00C3][\u0080-\u00BF\u2018-\u203A\u0152\u0153\u0160\u0161\u0178\u017D\u017E\u0192\u02C6\u02DC]|\u00E2\u20AC[\u0080-\u00BF\u2018-\u203A\u2122\u0153\u017E\u00A6\u00A2\u00B9\u00BA]/g;

const CP1252_REVERSE: Map<string, number> = (() => {
  const m = new Map<string, number>();
  const d = new TextDecoder('windows-1252');
  for (let b = 0; b < 256; b++) m.set(d.decode(new Uint8Array([b])), b);
  return m;
})();

export function repairMojibake(text: string): string | undefined {
  // Every hit starts with Â, Ã or â€: most pages hold none of them, and indexOf finds that out far
  // faster than the regex scanning a whole page (which, the first time it runs in a thread, V8
  // interprets rather than compiles: a third of a second on one large page).
  if (text.indexOf('\u00C3') < 0 && text.indexOf('\u00C2') < 0 && text.indexOf('\u00E2\u20AC') < 0) return undefined;
  const hits = text.match(MOJIBAKE);
  if (!hits || hits.length < 2) return undefined;
  const out = new Uint8Array(text.length * 3);
  let n = 0;
  for (const ch of text) {
    const b = CP1252_REVERSE.get(ch);
    if (b !== undefined) out[n++] = b;
    else {
      const enc = new TextEncoder().encode(ch);
      out.set(enc, n);
      n += enc.length;
    }
  }
  const fixed = tryUtf8(out.subarray(0, n));
  if (fixed === undefined) return undefined;
  return (fixed.match(MOJIBAKE)?.length ?? 0) < hits.length ? fixed : undefined;
}

function finish(text: string, encoding: string, notes: string[]): Decoded {
  const fixed = repairMojibake(text);
  if (fixed !== undefined) {
    notes.push('mojibake repaired (UTF-8 that had been read as windows-1252)');
    return { text: fixed, encoding, notes };
  }
  return { text, encoding, notes };
}

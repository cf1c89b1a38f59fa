// Feed bytes → text: BOM, then byte patterns of UTF-16/32, then the transport's charset, then the
// XML declaration; C1 controls read as windows-1252 where a feed mislabelled its encoding.
import { decode, sniffHtmlCharset } from '../../text/encoding.ts';


function utf32(bytes: Uint8Array, littleEndian: boolean, skip: number): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let out = '';
  for (let i = skip; i + 3 < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    out += cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
  }
  return out;
}

const startsWith = (b: Uint8Array, ...xs: number[]): boolean => xs.every((x, i) => b[i] === x);

/** XML bytes to text: BOM, then byte patterns of UTF-16/32, then the HTTP charset (it overrides
 * the document's, RFC 7303), then the XML declaration, then UTF-8 or windows-1252. */
export function decodeXml(bytes: Uint8Array, httpCharset?: string | null): { text: string; encoding: string; notes: string[] } {
  if (startsWith(bytes, 0xff, 0xfe, 0, 0)) return { text: utf32(bytes, true, 4), encoding: 'utf-32le', notes: [] };
  if (startsWith(bytes, 0, 0, 0xfe, 0xff)) return { text: utf32(bytes, false, 4), encoding: 'utf-32be', notes: [] };
  if (startsWith(bytes, 0x3c, 0, 0, 0)) return { text: utf32(bytes, true, 0), encoding: 'utf-32le', notes: [] };
  if (startsWith(bytes, 0, 0, 0, 0x3c)) return { text: utf32(bytes, false, 0), encoding: 'utf-32be', notes: [] };
  if (startsWith(bytes, 0x3c, 0, 0x3f, 0)) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le', notes: [] };
  if (startsWith(bytes, 0, 0x3c, 0, 0x3f)) return { text: new TextDecoder('utf-16be').decode(bytes), encoding: 'utf-16be', notes: [] };
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const declared = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/.exec(head.replace(/^\uFEFF|^ï»¿/, ''))?.[1];
  const d = decode(bytes, httpCharset ?? declared ?? undefined);
  let text = d.text.replace(/^\uFEFF/, '');
  // C1 controls never belong in a feed: they are windows-1252 punctuation that went through a
  // Latin-1 round trip ("don\u0092t" for "don’t"), so they are mapped back.
  if (/[\u0080-\u009f]/.test(text)) {
    text = text.replace(/[\u0080-\u009f]/g, (c) => C1_AS_1252.get(c) ?? c);
    d.notes.push('C1 control characters read as windows-1252');
  }
  return { text, encoding: d.encoding, notes: d.notes };
}

const C1_AS_1252: Map<string, string> = (() => {
  const m = new Map<string, string>();
  const w = new TextDecoder('windows-1252');
  for (let b = 0x80; b <= 0x9f; b++) {
    const c = w.decode(new Uint8Array([b]));
    if (c.charCodeAt(0) > 0x9f) m.set(String.fromCharCode(b), c);
  }
  return m;
})();

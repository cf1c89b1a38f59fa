// The readable text of the HTML fields feeds carry (summaries, content, titles).
import { Parser } from 'htmlparser2';


const BLOCK = new Set(['p', 'div', 'br', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'tr', 'section', 'article']);

/** The readable text of an HTML fragment (entities decoded, scripts and styles dropped). */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/[ \t\r\n]+/g, ' ').trim();
  let out = '';
  let skip = 0;
  const p = new Parser(
    {
      onopentagname(name) {
        if (name === 'script' || name === 'style') skip++;
        if (BLOCK.has(name)) out += '\n';
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip = Math.max(0, skip - 1);
        if (BLOCK.has(name)) out += '\n';
      },
      ontext(t) {
        if (!skip) out += t;
      },
    },
    { decodeEntities: true },
  );
  p.write(html);
  p.end();
  return out
    .split(/\n+/)
    .map((l) => l.replace(/[ \t\r\u00a0]+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

export const looksHtml = (s: string): boolean => /<\/?[a-z][\w-]*[\s>/]|&(?:[a-z]+|#\d+|#x[\da-f]+);/i.test(s);

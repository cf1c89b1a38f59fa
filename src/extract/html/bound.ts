// Bounds on the parser's work, set before it starts. htmlparser2 keeps its open elements in an
// array it shifts and searches from the front, so a page of 100,000 nested <div> costs it time
// quadratic in the depth (a pushed page of that kind froze the server for 2.5 s), and every later
// walk of the tree recurses as deep. One linear scan of the markup follows the parser's own rules
// for opening and closing elements (void elements, implied closes, raw-text elements) and:
//   - flattens what is nested deeper than MAX_DEPTH: those tags are dropped and their text kept
//     in place, so the words survive and only the structure is lost;
//   - cuts the page after MAX_ELEMENTS elements.
// Either is recorded in the notes the extraction returns. A page within both bounds comes back
// as the same string, untouched.

/** Deeper than this, elements are flattened into their ancestor at this depth. Article pages stay
 * well under it (the development pages reach 38). */
export const MAX_DEPTH = 256;
/** Elements given to the parser at most (flattened ones do not count); the rest of the page is left
 * out. The largest development page holds about 10,000. */
export const MAX_ELEMENTS = 150_000;

export interface Bounded {
  html: string;
  /** Opening tags dropped because they were nested too deep. */
  flattened: number;
  /** Characters left out after the element limit. */
  cutChars: number;
  notes: string[];
}

const VOID = new Set(['area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
// Elements whose content is text up to their own end tag (htmlparser2's tokenizer).
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed']);
const P = new Set(['p']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
// An opening tag closes these when they are the current element (htmlparser2's openImpliesClose).
const IMPLIES_CLOSE = new Map<string, Set<string>>([
  ['tr', new Set(['tr', 'th', 'td'])], ['th', new Set(['th'])], ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])], ['a', new Set(['a'])], ['li', new Set(['li'])], ['p', P],
  ['h1', HEADINGS], ['h2', HEADINGS], ['h3', HEADINGS], ['h4', HEADINGS], ['h5', HEADINGS], ['h6', HEADINGS],
  ['select', FORM], ['input', FORM], ['output', FORM], ['button', FORM], ['datalist', FORM], ['textarea', FORM],
  ['option', new Set(['option'])], ['optgroup', new Set(['optgroup', 'option'])], ['dd', new Set(['dd', 'dt'])], ['dt', new Set(['dd', 'dt'])],
  ['rt', new Set(['rt', 'rp'])], ['rp', new Set(['rt', 'rp'])], ['tbody', new Set(['thead', 'tbody'])], ['tfoot', new Set(['thead', 'tbody'])],
  ...['address', 'article', 'aside', 'blockquote', 'details', 'div', 'dl', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'header', 'hr', 'main', 'nav', 'ol', 'pre', 'section', 'table', 'ul'].map((t) => [t, P] as [string, Set<string>]),
]);

const NAME = /[a-zA-Z][^\s/>]*/y;

/** The markup with its nesting and size bounded; see the file comment. */
export function boundHtml(html: string, maxDepth = MAX_DEPTH, maxElements = MAX_ELEMENTS): Bounded {
  const stack: string[] = [];
  const dropped = new Map<string, number>();
  let foreign = 0; // open <svg>/<math>: self-closing tags close there
  let elements = 0;
  let flattened = 0;
  let cutChars = 0;
  const out: string[] = [];
  let copied = 0; // html[copied, i) is still to be copied when something is dropped
  const drop = (from: number, to: number, replacement: string): void => {
    out.push(html.slice(copied, from), replacement);
    copied = to;
  };

  let i = html.indexOf('<');
  scan: while (i >= 0 && i < html.length - 1) {
    const c = html.charCodeAt(i + 1);
    if (c === 33 /* ! */ || c === 63 /* ? */) {
      // Comment, doctype, CDATA or processing instruction: skipped whole.
      const end = html.startsWith('<!--', i) ? html.indexOf('-->', i + 4) : html.indexOf('>', i + 2);
      if (end < 0) break;
      i = html.indexOf('<', end + 1);
      continue;
    }
    const closing = c === 47; /* / */
    NAME.lastIndex = i + (closing ? 2 : 1);
    const m = NAME.exec(html);
    if (!m) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    const name = m[0].toLowerCase();
    const end = tagEnd(html, NAME.lastIndex);
    if (end < 0) break; // an unfinished tag at the end: the parser reads it as text
    const selfClosing = html.charCodeAt(end - 1) === 47;
    if (closing) {
      const d = dropped.get(name);
      if (d) {
        dropped.set(name, d - 1);
        drop(i, end + 1, ' ');
      } else if (!VOID.has(name)) {
        const at = stack.lastIndexOf(name);
        if (at >= 0) {
          for (let k = stack.length - 1; k >= at; k--) if (stack[k] === 'svg' || stack[k] === 'math') foreign--;
          stack.length = at;
        }
      }
      i = html.indexOf('<', end + 1);
      continue;
    }
    if (elements >= maxElements) {
      cutChars = html.length - i;
      drop(i, html.length, '');
      break scan;
    }
    const closes = IMPLIES_CLOSE.get(name);
    if (closes) while (stack.length && closes.has(stack[stack.length - 1]!)) if (['svg', 'math'].includes(stack.pop()!)) foreign--;
    let kept = true;
    if (!VOID.has(name) && !(selfClosing && foreign > 0)) {
      if (stack.length >= maxDepth) {
        kept = false;
        flattened++;
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        drop(i, end + 1, ' ');
      } else {
        stack.push(name);
        if (name === 'svg' || name === 'math') foreign++;
      }
    }
    if (kept) elements++;
    let next = end + 1;
    if (RAW_TEXT.has(name) && !selfClosing) {
      // Text up to the element's own end tag; a flattened one loses its content too (script, style…).
      const close = indexOfCloseTag(html, name, next);
      const stop = close < 0 ? html.length : close;
      if (!kept) {
        drop(next, stop, '');
        // Its end tag is dropped by the closing branch above, through `dropped`.
      }
      next = stop;
    } else if (name === 'plaintext') break; // everything after it is text
    i = html.indexOf('<', next);
  }
  if (copied === 0) return { html, flattened, cutChars, notes: notesOf(flattened, cutChars, maxDepth, maxElements) };
  out.push(html.slice(copied));
  return { html: out.join(''), flattened, cutChars, notes: notesOf(flattened, cutChars, maxDepth, maxElements) };
}

function notesOf(flattened: number, cutChars: number, maxDepth: number, maxElements: number): string[] {
  const notes: string[] = [];
  if (flattened) notes.push(`page nested deeper than ${maxDepth} elements: ${flattened.toLocaleString('en')} deeper tags flattened (their text kept)`);
  if (cutChars) notes.push(`page longer than ${maxElements.toLocaleString('en')} elements: the last ${cutChars.toLocaleString('en')} characters left out`);
  return notes;
}

// The '>' that ends a tag whose name ends at `from`, skipping quoted attribute values; -1 if none.
function tagEnd(html: string, from: number): number {
  let j = from;
  const n = html.length;
  while (j < n) {
    const ch = html.charCodeAt(j);
    if (ch === 62 /* > */) return j;
    if (ch === 61 /* = */) {
      j++;
      while (j < n && (html.charCodeAt(j) === 32 || html.charCodeAt(j) === 10 || html.charCodeAt(j) === 9 || html.charCodeAt(j) === 13)) j++;
      const q = html.charCodeAt(j);
      if (q === 34 || q === 39) {
        const close = html.indexOf(q === 34 ? '"' : "'", j + 1);
        if (close < 0) return -1;
        j = close + 1;
        continue;
      }
      continue;
    }
    j++;
  }
  return -1;
}

// Where `</name` (any case) starts at or after `from`, -1 if nowhere.
function indexOfCloseTag(html: string, name: string, from: number): number {
  let j = from;
  for (;;) {
    j = html.indexOf('</', j);
    if (j < 0) return -1;
    if (html.substr(j + 2, name.length).toLowerCase() === name) {
      const after = html.charCodeAt(j + 2 + name.length);
      if (Number.isNaN(after) || after === 62 || after === 47 || after === 32 || after === 9 || after === 10 || after === 13 || after === 12) return j;
    }
    j += 2;
  }
}

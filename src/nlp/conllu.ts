// CoNLL-U reading (universaldependencies.org/format.html), for training and evaluation. Empty
// nodes (ids like 8.1, enhanced graphs only) are skipped; a multi-word token ("du" = de + le)
// is kept as a surface token over its syntactic words.

export interface UdWord {
  form: string;
  lemma: string;
  upos: string;
  feats: string;
  /** 0-based index of the head word, -1 for the root. */
  head: number;
  deprel: string;
  /** Index of the surface token this word belongs to. */
  token: number;
}

export interface UdToken {
  form: string;
  /** Words [first, last) of this surface token: one word, or several for a multi-word token. */
  first: number;
  last: number;
  spaceAfter: boolean;
}

export interface UdSentence {
  id: string;
  /** Document id, from `# newdoc id` (carried over to the sentences that follow). */
  doc: string;
  text: string;
  words: UdWord[];
  tokens: UdToken[];
}

export function parseConllu(source: string): UdSentence[] {
  const out: UdSentence[] = [];
  let cur: UdSentence | null = null;
  let doc = '';
  let mwtEnd = 0;
  const finish = (): void => {
    if (cur && cur.words.length) out.push(cur);
    cur = null;
    mwtEnd = 0;
  };
  for (const line of source.split('\n')) {
    if (!line.trim()) {
      finish();
      continue;
    }
    cur ??= { id: '', doc, text: '', words: [], tokens: [] };
    if (line.startsWith('#')) {
      const m = /^#\s*([\w.]+)\s*=\s*(.*)$/.exec(line);
      if (m?.[1] === 'sent_id') cur.id = m[2]!;
      else if (m?.[1] === 'text') cur.text = m[2]!;
      else if (m?.[1] === 'newdoc id') cur.doc = doc = m[2]!;
      continue;
    }
    const c = line.split('\t');
    if (c.length < 10) continue;
    const id = c[0]!;
    if (id.includes('.')) continue;
    const spaceAfter = !/SpaceAfter=No/.test(c[9]!);
    if (id.includes('-')) {
      const [a, b] = id.split('-').map(Number) as [number, number];
      cur.tokens.push({ form: c[1]!, first: a - 1, last: b, spaceAfter });
      mwtEnd = b;
      continue;
    }
    const n = Number(id);
    if (n > mwtEnd) cur.tokens.push({ form: c[1]!, first: n - 1, last: n, spaceAfter });
    cur.words.push({ form: c[1]!, lemma: c[2]!, upos: c[3]!, feats: c[5]!, head: Number(c[6]) - 1, deprel: c[7]!, token: cur.tokens.length - 1 });
  }
  finish();
  return out;
}

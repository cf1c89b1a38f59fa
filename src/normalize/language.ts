// Language identification by function words. News bodies are long enough that the share of
// each language's most frequent words is a near-certain signal, it costs one pass over the
// tokens, and it needs no model. Lists are the ~40 most frequent words of each language, with
// words shared by two candidate languages left out so that each hit discriminates.

const STOPWORDS: Record<string, string> = {
  fr: "le la les des du une est et dans pour qui que sur pas au aux avec ce cette ces il elle ils nous vous sont ont été être mais ou leur plus par son sa ses d’ l’ qu’ n’ s’ c’ d' l' qu' n' s' c' aussi comme fait entre après",
  en: 'the of and to in is that for it with as was on be by this are from at have has had not but which they their been were would will an or its said who more about after than when there also',
  es: 'el los las del una es y en por que con para se al lo su sus pero más como fue ha está han este esta sobre entre también cuando muy sin hasta desde ya',
  de: 'der die das und ist nicht mit sich auf für dem den ein eine einer eines im auch es als wird von zu bei nach aus wie oder sind hat wurde werden noch kann über vor durch',
  it: 'il di che è e la per un una del della in sono non con si da le dei nel alla ha anche come ma più gli questo questa dalla delle sul stato essere',
  pt: 'o os as da do das dos um uma é e em que para com não por se mais como foi ao sua seu pela pelo também está são ser tem já entre quando muito',
  nl: 'de het een en van is dat op te in voor met zijn niet aan er ook als maar bij om dan nog door heeft wordt werd worden naar uit over zo deze',
};

const TABLE = new Map<string, string[]>();
for (const [lang, list] of Object.entries(STOPWORDS)) {
  for (const w of list.split(' ')) {
    const langs = TABLE.get(w) ?? [];
    langs.push(lang);
    TABLE.set(w, langs);
  }
}
/** Longer words are in no list: the scanner does not even look them up. */
const LONGEST = Math.max(...[...TABLE.keys()].map((w) => w.length));

/** ISO 639-1 code of the text's language, or 'und' when too few function words decide it. */
export function detectLanguage(text: string): string {
  const counts = new Map<string, number>();
  let n = 0;
  const count = (key: string): void => {
    const langs = TABLE.get(key);
    if (!langs) return;
    for (const l of langs) counts.set(l, (counts.get(l) ?? 0) + 1 / langs.length);
    n++;
  };
  // A scanner over lower-cased text: words are runs of letters; an apostrophe ends an elided
  // French article or pronoun (l’, d’, qu’), counted with its apostrophe as the lists spell it.
  const t = (text.length > 20000 ? text.slice(0, 20000) : text).toLowerCase();
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const c = i < t.length ? t.charCodeAt(i) : 32;
    const letter = (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0x24f && c !== 0xf7);
    if (letter) {
      if (start < 0) start = i;
      continue;
    }
    if (start >= 0 && i - start <= LONGEST) {
      const w = t.slice(start, i);
      if ((c === 0x2019 || c === 39) && w.length <= 5) count(`${w}${t[i]}`);
      count(w);
    }
    start = -1;
  }
  let best = 'und';
  let top = 0;
  let second = 0;
  for (const [l, c] of counts) {
    if (c > top) {
      second = top;
      top = c;
      best = l;
    } else if (c > second) second = c;
  }
  // Too little evidence, or two languages neck and neck: say so rather than guess.
  if (top < 3 || n < 4 || top < second * 1.3) return 'und';
  return best;
}

// Abbreviations that end with a period without ending the sentence: a vocabulary of each
// language (data, like the other vocab/ folders), lower case, inner periods kept ("u.s").
//   title: followed by a name or a number, never the last word of a sentence ("Mr.", "p.").
//   final: often the last word too ("Acme Corp." or "etc."), so a following capitalised word
//          may open a new sentence; only a continuation (lower case, a bracket, a comma) keeps
//          the sentence going.
// Legal forms of companies are shared by many languages' news ("Philips N.V.", "Fiat S.p.A.",
// "Renault S.A."), so they are listed once and belong to every language; forms that are also
// words ("SA" and "sa", "AS" and "as") are left out.

export interface Abbreviations {
  title: ReadonlySet<string>;
  final: ReadonlySet<string>;
}

const COMPANY_FORMS = 'inc ltd co corp plc llc llp cie n.v b.v s.a s.p.a s.a.s s.a.r.l sarl s.l s.r.l a.g gmbh k.k pty bhd oyj'.split(' ');

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);

const BY_LANG: Record<'fr' | 'en', { title: string[]; final: string[] }> = {
  fr: {
    title: words('m mm mme mmes mlle mlles dr pr me mgr st ste av bd cf env ex fig p pp n no vol chap art min max tél éd coll'),
    final: [...words('etc al'), ...COMPANY_FORMS],
  },
  en: {
    title: words('mr mrs ms messrs prof gen gov sen rep col lt sgt capt cmdr adm rev hon vs v approx dept est jan feb mar apr aug sep sept oct nov dec mt ft no nos u.s u.k e.g i.e st dr p pp cf fig vol'),
    final: [...words('etc al jr sr'), ...COMPANY_FORMS],
  },
};

function build(langs: ('fr' | 'en')[]): Abbreviations {
  const title = new Set<string>();
  const final = new Set<string>();
  for (const l of langs) {
    for (const w of BY_LANG[l].title) title.add(w);
    for (const w of BY_LANG[l].final) final.add(w);
  }
  // A word that is final in one language and a title in another stays cautious: final.
  for (const w of final) title.delete(w);
  return { title, final };
}

const CACHE = { fr: build(['fr']), en: build(['en']), any: build(['fr', 'en']) };

/** The abbreviations of a language; an unknown language gets those of every language known. */
export function abbreviations(lang: string): Abbreviations {
  return lang === 'fr' || lang === 'en' ? CACHE[lang] : CACHE.any;
}

// A realistic stream of news for the stories benchmark, made at run time: stories of various
// lengths (a few long-running ones, many short), spread over months, in French and English,
// each with its own names, figures and vocabulary; syndicated copies (same body, other clutter,
// sometimes trimmed); and noise articles that belong to no story. Deterministic for a seed.

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const SYLLABLES = {
  fr: 'ba be bi bo bu ca ce ci co da de di do du fa fe fi fo ga ge gi go la le li lo lu ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to va ve vi vo tion ment eur ette ique aire'.split(' '),
  en: 'ba be bi bo ca co da de di do fa fe fi ga go ha he hi ho ka ke la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to wa we wi er ing ness ly ed'.split(' '),
};
const FUNCTION = {
  fr: 'le la les des du une un et dans pour qui que sur pas au aux avec ce cette il elle ils sont ont été mais ou leur plus par son sa ses selon après avant depuis'.split(' '),
  en: 'the of and to in is that for it with as was on be by this are from at have has had not but which they their been were would will an or its said who more about after'.split(' '),
};

function word(rand: () => number, lang: 'fr' | 'en', syllables = 2 + Math.floor(rand() * 2)): string {
  let w = '';
  for (let i = 0; i < syllables; i++) w += SYLLABLES[lang][Math.floor(rand() * SYLLABLES[lang].length)];
  return w;
}
const cap = (w: string): string => w[0]!.toUpperCase() + w.slice(1);

export interface StreamArticle {
  id: string;
  /** The story it belongs to (gold), or null for noise. */
  story: string | null;
  /** The article it copies, for syndicated copies. */
  copyOf: string | null;
  title: string;
  text: string;
  language: 'fr' | 'en';
  publishedAt: string;
  url: string;
}

interface StoryPlan {
  id: string;
  names: string[];
  figures: string[];
  topic: { fr: string[]; en: string[] };
  start: number;
  days: number;
  left: number;
}

/** `count` articles in time order, about 1,500 a day over at least `minDays`. About 70 % belong to
 * stories, 10 % are syndicated copies, 20 % are noise. Story sizes follow a power law (most are
 * small, a few run for weeks). */
export function* stream(count: number, seed = 7, minDays = 30): Generator<StreamArticle> {
  const rand = rng(seed);
  const general = { fr: Array.from({ length: 3000 }, () => word(rand, 'fr')), en: Array.from({ length: 3000 }, () => word(rand, 'en')) };
  const span = Math.max(minDays, count / 1500) * 86_400_000;
  const t0 = Date.UTC(2025, 0, 1);
  const active: StoryPlan[] = [];
  const recent: StreamArticle[] = [];
  let nextStory = 0;
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const sentence = (lang: 'fr' | 'en', plan: StoryPlan | null): string => {
    const n = 12 + Math.floor(rand() * 14);
    const ws: string[] = [];
    for (let i = 0; i < n; i++) {
      const r = rand();
      if (plan && r < 0.12) ws.push(pick(plan.names));
      else if (plan && r < 0.16) ws.push(pick(plan.figures));
      else if (plan && r < 0.36) ws.push(pick(plan.topic[lang]));
      else if (r < 0.66) ws.push(pick(FUNCTION[lang]));
      else ws.push(pick(general[lang]));
    }
    return `${cap(ws.join(' '))}.`;
  };
  for (let i = 0; i < count; i++) {
    const time = t0 + (i / count) * span;
    const lang: 'fr' | 'en' = rand() < 0.6 ? 'fr' : 'en';
    const r = rand();
    if (r < 0.1 && recent.length) {
      // A syndicated copy: the same report, trimmed or not, on another site.
      const src = pick(recent);
      const paras = src.text.split('\n\n');
      const text = rand() < 0.5 ? paras.join('\n\n') : paras.slice(0, Math.max(2, paras.length - 1)).join('\n\n');
      yield { id: `a${i}`, story: src.story, copyOf: src.id, title: src.title, text, language: src.language, publishedAt: new Date(time).toISOString(), url: `https://copy${i % 97}.example/${i}` };
      continue;
    }
    let plan: StoryPlan | null = null;
    if (r < 0.8) {
      // Retire finished stories; open a new one now and then (power-law sizes).
      for (let k = active.length - 1; k >= 0; k--) if (active[k]!.left <= 0 || time > active[k]!.start + active[k]!.days * 86_400_000) active.splice(k, 1);
      if (!active.length || rand() < 0.25) {
        const size = Math.max(2, Math.floor(2 / Math.pow(rand() + 1e-6, 0.7)));
        active.push({
          id: `s${nextStory++}`,
          names: Array.from({ length: 4 + Math.floor(rand() * 4) }, () => `${cap(word(rand, 'en'))} ${cap(word(rand, 'fr', 3))}`).flatMap((n) => n.split(' ')),
          figures: Array.from({ length: 3 }, () => String(10 + Math.floor(rand() * 9990))),
          topic: { fr: Array.from({ length: 25 }, () => word(rand, 'fr', 3)), en: Array.from({ length: 25 }, () => word(rand, 'en', 3)) },
          start: time,
          days: 1 + Math.floor(rand() * Math.min(40, size)),
          left: Math.min(size, 400),
        });
      }
      plan = pick(active);
      plan.left--;
    }
    const paras = Array.from({ length: 3 + Math.floor(rand() * 4) }, () => Array.from({ length: 2 + Math.floor(rand() * 3) }, () => sentence(lang, plan)).join(' '));
    const title = sentence(lang, plan).replace(/\.$/, '').split(' ').slice(0, 10).join(' ');
    const a: StreamArticle = { id: `a${i}`, story: plan?.id ?? null, copyOf: null, title, text: paras.join('\n\n'), language: lang, publishedAt: new Date(time).toISOString(), url: `https://site${i % 211}.example/${i}` };
    if (plan) {
      recent.push(a);
      if (recent.length > 200) recent.shift();
    }
    yield a;
  }
}

// Speed of the language core (src/nlp), one core: model load time (cold, first thing in the
// process), tokenize + tag + lemmatize + entities in tokens per second, and the parser alone.
// Text: the demo corpus's .txt articles (French and English, written by the team), repeated to
// about 200,000 tokens per language. Rates per wall second and per CPU second of the process (a
// shared, loaded machine inflates the wall clock more). Run: node bench/nlp.ts (also `npm run
// bench nlp`).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from '../src/normalize/language.ts';
import { analyzeText, parseSentence, preload, type Lang, type Sentence } from '../src/nlp/index.ts';

export function runNlpBench(log: (line: string) => void): void {
  const t0 = performance.now();
  preload('fr', false);
  preload('en', false);
  const coreLoad = performance.now() - t0;
  const t1 = performance.now();
  analyzeText('Il part.', 'fr', { parse: true });
  analyzeText('He left.', 'en', { parse: true });
  const parserLoad = performance.now() - t1;
  log(`model load: taggers, lemmatizers and recognisers of both languages ${coreLoad.toFixed(0)} ms; both parsers ${parserLoad.toFixed(0)} ms\n`);

  const dir = join(import.meta.dirname, '..', 'demo', 'corpus');
  const texts: Record<Lang, string[]> = { fr: [], en: [] };
  for (const f of readdirSync(dir).sort()) {
    if (!f.endsWith('.txt')) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    const lang = detectLanguage(text);
    if (lang === 'fr' || lang === 'en') texts[lang].push(text);
  }
  log('| language | texts | tokens | tag + lemma + NER tokens/s (wall) | per CPU-second | parse tokens/s (wall) | per CPU-second | parse ms/sentence |');
  log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const cpu = (): number => {
    const c = process.cpuUsage();
    return (c.user + c.system) / 1e6;
  };
  for (const lang of ['fr', 'en'] as Lang[]) {
    const one = texts[lang].reduce((n, t) => n + analyzeText(t, lang).reduce((k, s) => k + s.tokens.length, 0), 0);
    if (!one) continue;
    const rounds = Math.max(1, Math.ceil(200_000 / one));
    // Warm-up: one round untimed, so JIT compilation does not count.
    for (const t of texts[lang]) analyzeText(t, lang);
    let tokens = 0;
    const sentences: Sentence[] = [];
    const a = performance.now();
    const ca = cpu();
    for (let r = 0; r < rounds; r++)
      for (const t of texts[lang])
        for (const s of analyzeText(t, lang)) {
          tokens += s.tokens.length;
          if (r === 0) sentences.push(s);
        }
    const tagSeconds = (performance.now() - a) / 1000;
    const tagCpu = cpu() - ca;
    let parsedTokens = 0;
    let parsedSentences = 0;
    const b = performance.now();
    const cb = cpu();
    for (let r = 0; r < rounds; r++)
      for (const s of sentences) {
        parseSentence({ ...s, tokens: s.tokens.map((t) => ({ ...t })), parsed: false }, lang);
        parsedTokens += s.tokens.length;
        parsedSentences++;
      }
    const parseSeconds = (performance.now() - b) / 1000;
    const parseCpu = cpu() - cb;
    log(`| ${lang} | ${texts[lang].length} × ${rounds} | ${tokens} | ${Math.round(tokens / tagSeconds)} | **${Math.round(tokens / tagCpu)}** | ${Math.round(parsedTokens / parseSeconds)} | **${Math.round(parsedTokens / parseCpu)}** | ${((parseSeconds * 1000) / parsedSentences).toFixed(3)} |`);
  }
}

if (import.meta.main) runNlpBench(console.log);

// Realistic variations of the demo corpus, made at run time: names, numbers and dates changed,
// paragraphs reordered and trimmed, clutter lines shuffled in, so no two generated articles are
// the same text and the extractor, fingerprints and store all do real work.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const DEMO = join(import.meta.dirname, '..', 'demo', 'corpus');
const FIRST = ['Claire', 'Julien', 'Nadia', 'Owen', 'Sandrine', 'Mathieu', 'Ingrid', 'Tomás', 'Léa', 'Hugo', 'Priya', 'Karim'];
const LAST = ['Bessonneau', 'Marchetti', 'Benali', 'Hartley', 'Oudin', 'Roussel', 'Sætre', 'Ferreira', 'Morvan', 'Delattre', 'Raman', 'Bensaïd'];
const CLUTTER = ['Publicité', 'Partager', 'Lire aussi : Les dix chiffres à retenir de la semaine', 'Advertisement', 'Leave a Reply', 'Newsletter', 'Télécharger l’application'];

/** A small deterministic PRNG so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function demoTexts(): string[] {
  return readdirSync(DEMO)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => readFileSync(join(DEMO, f), 'utf8'));
}

export function* variations(count: number, seed = 42): Generator<string> {
  const bases = demoTexts();
  const rand = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  for (let i = 0; i < count; i++) {
    const lines = bases[i % bases.length]!.split('\n');
    const name = `${pick(FIRST)} ${pick(LAST)}`;
    const out: string[] = [];
    for (const line of lines) {
      if (line.length > 200 && rand() < 0.15) continue; // drop a paragraph now and then
      let l = line.replace(/\b\d{2,4}\b/g, (n) => String((Number(n) + i) % (10 ** n.length)).padStart(n.length, '1'));
      l = l.replace(/Katarina Vollmer|Katharina Vollmer/g, name);
      out.push(l);
      if (rand() < 0.04) out.push('', pick(CLUTTER), '');
    }
    // Make the title unique too: the same headline twice would be a real-world duplicate.
    const t = out.findIndex((l) => l.trim().split(/\s+/).length >= 6);
    if (t >= 0) out[t] = `${out[t]} (${i})`;
    yield out.join('\n');
  }
}

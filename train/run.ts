// npm run train — rebuilds the committed models from ../shared/train (or $STORYLINE_SHARED/train),
// seeded and deterministic: a rerun writes the same weights byte for byte. Each trainer is one
// entry of TRAINERS (name, what it builds, run); they run in list order, since later ones use the
// models written by earlier ones (the parser and the recogniser read the tagger's tags).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { MODEL_FILE } from '../src/extract/model/index.ts';
import { train as trainBoilerplate } from './boilerplate.ts';
import { NLP_TRAINERS } from './nlp.ts';

export interface TrainContext {
  /** Progress and results, one line at a time (stderr). */
  log: (line: string) => void;
}

export interface Trainer {
  name: string;
  /** One line for --help. */
  about: string;
  /** Files written (relative to the repository root). */
  outputs: string[];
  run: (ctx: TrainContext) => Promise<void>;
}

export const TRAINERS: Trainer[] = [
  ...NLP_TRAINERS,
  {
    name: 'boilerplate',
    about: 'the boilerplate scorer of extraction (boosted trees over block features, from the development pages)',
    outputs: ['models/boilerplate.json'],
    async run(ctx) {
      const r = trainBoilerplate(undefined, ctx.log);
      if (r) writeFileSync(MODEL_FILE, `${JSON.stringify(r.model, null, 1)}\n`);
    },
  },
];

const HELP = `usage: npm run train -- [NAME...] [--list]

Trains the models and writes them with their model cards under models/. With names, only those
trainers run (in list order; later trainers read the models of earlier ones). Data is read from
../shared/train, or $STORYLINE_SHARED/train (boilerplate: the development pages of ../shared/eval).

trainers:
${TRAINERS.map((t) => `  ${t.name.padEnd(12)} ${t.about}`).join('\n')}`;

if (import.meta.main) {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    process.exit(0);
  }
  if (args.includes('--list')) {
    for (const t of TRAINERS) console.log(`${t.name}\t${t.outputs.join(' ')}`);
    process.exit(0);
  }
  const names = args.filter((a) => !a.startsWith('-'));
  const unknown = names.filter((n) => !TRAINERS.some((t) => t.name === n));
  if (unknown.length) {
    console.error(`train: unknown trainer ${unknown.join(', ')} (known: ${TRAINERS.map((t) => t.name).join(', ')})`);
    process.exit(2);
  }
  const chosen = TRAINERS.filter((t) => !names.length || names.includes(t.name));
  const started = performance.now();
  for (const [i, t] of chosen.entries()) {
    const t0 = performance.now();
    const log = (line: string): void => console.error(`[${i + 1}/${chosen.length} ${t.name} ${((performance.now() - t0) / 1000).toFixed(1)}s] ${line}`);
    log(t.about);
    try {
      await t.run({ log });
    } catch (e) {
      console.error(`train: ${t.name} failed: ${(e as Error).message}`);
      process.exit(1);
    }
    for (const o of t.outputs) log(`wrote ${o} (${(statSync(join(import.meta.dirname, '..', o)).size / 1024).toFixed(0)} KiB)`);
  }
  console.error(`train: ${chosen.length} trainer(s) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

// A loaded perceptron ranks classes by the sums of its saved integers (predict, scoresOfTopTwo):
// the choices and the scores read must be those of the float scores (`scores`), ties included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Features, Perceptron, rng } from '../src/nlp/perceptron.ts';

/** A saved-and-loaded model of `classes` classes with random weights; some rows copy one class
 * into the next, so that exact ties (which the integers cannot settle) come up. */
function model(classes: number, seed: number): Perceptron {
  const random = rng(seed);
  const bits = 8;
  const w = new Float32Array((1 << bits) * classes);
  for (let r = 0; r < 1 << bits; r++) {
    if (random() < 0.3) continue; // pruned rows
    for (let c = 0; c < classes; c++) w[r * classes + c] = (random() - 0.5) * (random() < 0.1 ? 40 : 1);
    if (random() < 0.5) for (let c = 1; c < classes; c += 2) w[r * classes + c] = w[r * classes + c - 1]!;
  }
  return Perceptron.load(new Perceptron(classes, bits, w).save());
}

function argmax(out: Float64Array, classes: number, ok: (c: number) => boolean): number {
  let best = -1;
  for (let c = 0; c < classes; c++) if (ok(c) && (best < 0 || out[c]! > out[best]!)) best = c;
  return best;
}

test('a loaded model predicts the highest float score, the lowest class on ties', () => {
  let ties = 0;
  for (const classes of [3, 9, 17, 59]) {
    const p = model(classes, classes);
    const random = rng(7);
    const f = new Features();
    const out = new Float64Array(classes);
    for (let n = 0; n < 3000; n++) {
      f.clear();
      const m = 1 + Math.floor(random() * 40);
      for (let i = 0; i < m; i++) f.put(1 + Math.floor(random() * 6), Math.floor(random() * 12));
      const evenOnly = (c: number): boolean => c % 2 === 0;
      const scores = p.scores(f, new Float64Array(classes));
      const want = argmax(scores, classes, () => true);
      if (scores.some((s, c) => c !== want && s === scores[want])) ties++;
      assert.equal(p.predict(f, out), want);
      assert.equal(p.predict(f, out, undefined, want), argmax(scores, classes, (c) => c !== want));
      assert.equal(p.predict(f, out, evenOnly), argmax(scores, classes, evenOnly));
      // scoresOfTopTwo: the same best class and the same runner-up score.
      const top = p.scoresOfTopTwo(f, out, evenOnly);
      const best = argmax(top, classes, evenOnly);
      assert.equal(best, argmax(scores, classes, evenOnly));
      const runnerUp = (s: Float64Array): number => Math.max(-Infinity, ...[...s].filter((_, c) => c !== best && evenOnly(c)));
      assert.equal(top[best], scores[best]);
      assert.equal(runnerUp(top), runnerUp(scores));
    }
  }
  assert.ok(ties > 100, `ties tried: ${ties}`);
});

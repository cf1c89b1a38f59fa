// The metric gate: every evaluation metric at or above its floor in eval/baseline.json.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { defaultSharedDir } from '../eval/harness.ts';
import { runEval } from '../eval/run.ts';

const shared = defaultSharedDir();

test('evaluation metrics stay at or above their floors', { skip: !existsSync(join(shared, 'eval')) && `${shared}/eval is absent`, timeout: 1_800_000 }, async () => {
  const lines: string[] = [];
  const { verdicts } = await runEval({ log: (l) => lines.push(l) });
  const below = verdicts.filter((v) => !v.ok).map((v) => `${v.key} = ${v.value ?? 'missing'} < ${v.floor}`);
  assert.deepEqual(below, [], lines.join('\n'));
});

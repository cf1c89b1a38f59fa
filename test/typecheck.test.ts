// Strict TypeScript over the whole tree: Node runs the sources with types stripped, so the type
// check is what catches type errors. tsc is the project's own (devDependency).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';

test('tsc --noEmit passes in strict mode', { timeout: 300_000 }, async () => {
  const root = join(import.meta.dirname, '..');
  try {
    await promisify(execFile)(join(root, 'node_modules', '.bin', 'tsc'), ['-p', root], { cwd: root, maxBuffer: 16 << 20 });
  } catch (e) {
    assert.fail(`type errors:\n${(e as { stdout: string }).stdout}`);
  }
});

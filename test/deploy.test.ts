// The self-hoster's kit, checked without a container engine (none runs here): the compose file
// parses and its services run commands the CLI has with settings that exist; the Dockerfile
// copies what exists and runs the CLI on the port the settings say; the systemd units pass
// `systemd-analyze verify` and start real commands. Neither image nor units are run here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { config, settings, unknownSettings } from '../src/config.ts';

const ROOT = join(import.meta.dirname, '..');
const read = (p: string): string => readFileSync(join(ROOT, p), 'utf8');
const help = execFileSync(join(ROOT, 'bin', 'storyline'), ['--help'], { encoding: 'utf8' });
const commands = new Set([...help.matchAll(/^ {2}(\w[\w-]*)/gm)].map((m) => m[1]!));
const names = (text: string): string[] => [...text.matchAll(/\bSTORYLINE_[A-Z_]+/g)].map((m) => m[0]).filter((n) => n !== 'STORYLINE_');

test('every STORYLINE_* name in the kit is a setting', () => {
  const all = ['compose.yaml', 'Dockerfile', 'deploy/systemd/storyline.service', 'deploy/systemd/storyline-worker.service', 'deploy/systemd/storyline.env.example', 'README.md'].flatMap((f) => names(read(f)));
  assert.ok(all.length > 10);
  assert.deepEqual(unknownSettings(Object.fromEntries(all.map((n) => [n, 'x']))), []);
});

test('compose.yaml parses; its services run CLI commands, keep data in volumes, and need an admin token', () => {
  const doc = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, { command?: string[]; image?: string; build?: string; profiles?: string[]; volumes?: string[]; environment?: Record<string, string>; ports?: string[] }>; volumes: Record<string, unknown> };
  assert.deepEqual(Object.keys(doc.services).sort(), ['postgres', 'serve', 'worker']);
  for (const name of ['serve', 'worker']) {
    const s = doc.services[name]!;
    assert.ok(commands.has(s.command![0]!), `${name} runs \`storyline ${s.command![0]}\``);
    assert.equal(s.image, 'storyline:latest');
    assert.match(s.environment!.STORYLINE_ADMIN_TOKEN!, /\$\{STORYLINE_ADMIN_TOKEN:\?/, 'refuses to start without a token');
    assert.equal(s.environment!.STORYLINE_DB_PATH, '/data/storyline.db');
    for (const v of s.volumes!) assert.ok(v.split(':')[0]! in doc.volumes, `volume ${v} is declared`);
  }
  assert.equal(doc.services.serve!.build, '.');
  assert.deepEqual(doc.services.worker!.profiles, ['worker']);
  assert.deepEqual(doc.services.postgres!.profiles, ['postgres']);
  assert.match(doc.services.serve!.ports![0]!, /:8080$/);
  assert.deepEqual(doc.services.serve!.command, ['serve', '--host', '0.0.0.0', '--port', String(config('port'))]);
});

test('the Dockerfile copies what exists, runs bin/storyline serve on the default port, on the Node the project pins', () => {
  const df = read('Dockerfile');
  for (const m of df.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) for (const src of m[1]!.split(/\s+/)) assert.ok(existsSync(join(ROOT, src)), `COPY ${src}`);
  assert.match(df, /^ENTRYPOINT \["\/app\/bin\/storyline"\]$/m);
  assert.ok(existsSync(join(ROOT, 'bin', 'storyline')));
  const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(df)![1]!) as string[];
  assert.ok(commands.has(cmd[0]!));
  assert.match(df, new RegExp(`^EXPOSE ${config('port')}$`, 'm'));
  assert.match(df, /\/healthz/);
  const pinned = (JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies.node!;
  for (const m of df.matchAll(/^FROM node:(\d+)/gm)) assert.equal(m[1], /\d+/.exec(pinned)![0], 'the image runs the Node major the project pins');
  for (const ignored of read('.dockerignore').split('\n').filter(Boolean)) assert.ok(!/^(src|bin|package)/.test(ignored), `${ignored} is needed in the image`);
});

test('the systemd units verify and start real commands', { skip: !existsSync('/usr/bin/systemd-analyze') && 'systemd-analyze is not installed' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'storyline-units-'));
  try {
    const units = ['storyline.service', 'storyline-worker.service'].map((u) => {
      const text = read(`deploy/systemd/${u}`);
      const exec = /^ExecStart=\/opt\/storyline\/bin\/storyline (\w+)/m.exec(text);
      assert.ok(exec && commands.has(exec[1]!), `${u} starts a storyline command`);
      const path = join(dir, u);
      writeFileSync(path, text.replaceAll('/opt/storyline', ROOT));
      return path;
    });
    execFileSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('settings() covers every key and the table in docs/settings.md names them all', () => {
  const md = read('docs/settings.md');
  for (const s of settings()) assert.ok(md.includes(`\`${s.env}\``), s.env);
});

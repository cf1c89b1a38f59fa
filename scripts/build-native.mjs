// Postinstall: make sure the native SQLite binding matches the project's own Node (the `node`
// npm package, Node 24), not the system Node that ran `npm install`. npm builds better-sqlite3
// with whatever Node runs npm (often 20 here) and against ~/.npmrc's nodedir; the Node 24 package
// ships its own headers, so we rebuild against those, offline. Plain JS: it may run under Node 20.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
const node = join(root, 'node_modules', 'node', 'bin', 'node');
const runtime = existsSync(node) ? node : process.execPath;
const moduleDir = join(root, 'node_modules', 'better-sqlite3');

function loads() {
  const r = spawnSync(runtime, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], { cwd: root, encoding: 'utf8' });
  return r.status === 0;
}

if (!existsSync(moduleDir)) process.exit(0);
if (loads()) {
  console.log('build-native: better-sqlite3 already loads under', runtime);
  process.exit(0);
}
// Headers: node_modules/node/node_modules/node-<platform>-<arch>/include/node
const pkgs = join(root, 'node_modules', 'node', 'node_modules');
const platformPkg = existsSync(pkgs) ? readdirSync(pkgs).find((d) => /^node-(linux|darwin|win)/.test(d) && existsSync(join(pkgs, d, 'include', 'node'))) : undefined;
const nodedir = platformPkg ? join(pkgs, platformPkg) : undefined;
const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const args = [gyp, 'rebuild', '--release', ...(nodedir ? [`--nodedir=${nodedir}`] : [])];
console.log(`build-native: rebuilding better-sqlite3 for ${runtime}${nodedir ? ` against ${nodedir}` : ''} (takes a minute or two)`);
const env = { ...process.env };
for (const k of Object.keys(env)) if (/^npm_config_nodedir$/i.test(k)) delete env[k];
const r = spawnSync(runtime, args, { cwd: moduleDir, stdio: 'inherit', env });
if (r.status !== 0 || !loads()) {
  console.error('build-native: could not build better-sqlite3 for the project Node; see the output above.');
  process.exit(1);
}
console.log('build-native: better-sqlite3 ready');

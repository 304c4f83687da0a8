// The npm registry this workplace can reach lacks some platform builds (workerd for macOS and
// Windows at our pinned versions), so `npm install` here leaves them out of package-lock.json and
// `npm ci` then refuses the lock as out of sync. This adds the missing optional platform entries
// (name, version, os, cpu) exactly as npm writes them elsewhere; npm ci skips them on Linux.
// Run after any `npm install` that changes the lock: node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const PLATFORMS = {
  'darwin-64': { os: ['darwin'], cpu: ['x64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'linux-64': { os: ['linux'], cpu: ['x64'] },
  'linux-arm64': { os: ['linux'], cpu: ['arm64'] },
  'windows-64': { os: ['win32'], cpu: ['x64'] },
};

/** "a/node_modules/b/node_modules/c" gives ["a/node_modules/b/node_modules/c/", "a/node_modules/b/", "a/", ""]. */
function ancestors(path) {
  const dirs = [];
  let p = path;
  while (p) {
    dirs.push(`${p}/`);
    const cut = p.lastIndexOf('/node_modules/');
    p = cut === -1 ? '' : p.slice(0, cut);
  }
  dirs.push('');
  return dirs;
}

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const added = [];
for (const [path, entry] of Object.entries(lock.packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const platform = PLATFORMS[name.split('/').pop().replace(/^workerd-/, '')];
    if (!name.startsWith('@cloudflare/workerd-') || !platform) continue;
    // npm looks for a dependency next to its dependent first, then in each folder up the tree.
    const candidates = ancestors(path).map((dir) => `${dir}node_modules/${name}`);
    if (candidates.some((p) => lock.packages[p]?.version === version)) continue;
    // Put it where npm put its sibling builds of the same version, or else next to the dependent.
    const sibling = candidates.find((p) => Object.keys(PLATFORMS).some((k) => lock.packages[p.replace(/workerd-[a-z0-9-]+$/, `workerd-${k}`)]?.version === version));
    const target = sibling ?? candidates[0];
    lock.packages[target] = { version, ...platform, dev: entry.dev, license: 'Apache-2.0', optional: true, engines: { node: '>=16' } };
    added.push(`${target}@${version}`);
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', `${JSON.stringify(lock, null, 2)}\n`);
console.log(added.length ? `Added ${added.length} platform entries:\n  ${added.join('\n  ')}` : 'The lock file already lists every platform build.');

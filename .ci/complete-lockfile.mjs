#!/usr/bin/env node
// Completes package-lock.json with the optional platform packages (darwin, win32, linux-arm64 ... builds of rollup,
// esbuild, LadybugDB) that the npm registry mirror of this workplace does not serve. npm leaves them out of the lock
// when it cannot fetch them, and `npm ci` then refuses the lock as out of sync. An entry with `optional`, `os` and
// `cpu` (taken from the package name, as those packages are named) lets npm ci skip them on other platforms.
// Run after any `npm install` that changes the lock: `node .ci/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const file = process.argv[2] ?? 'package-lock.json';
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el', 'wasm32', 'universal'];
const OSES = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'android', 'sunos', 'aix', 'openharmony', 'cygwin'];
const added = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ''}node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (packages[nested] || packages[hoisted]) continue;
    const parts = name.split('/').pop().split('-');
    const os = parts.find((p) => OSES.includes(p));
    if (!os) {
      console.error(`complete-lockfile: ${name} (optional dependency of ${path || 'the root'}) names no platform; left out`);
      continue;
    }
    const cpu = parts.find((p) => CPUS.includes(p));
    // Keys in npm's own order (version, then alphabetical), so a later `npm install` leaves the entry as it is.
    const entryFor = { version, ...(cpu ? { cpu: [cpu] } : {}) };
    if (os === 'linux' && parts.some((p) => p.startsWith('musl'))) entryFor.libc = ['musl'];
    else if (os === 'linux' && parts.some((p) => p.startsWith('gnu'))) entryFor.libc = ['glibc'];
    Object.assign(entryFor, { optional: true, os: [os] });
    packages[hoisted] = entryFor;
    added.push(`${name}@${version}`);
  }
}
const sorted = Object.keys(packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en')));
lock.packages = Object.fromEntries(sorted.map((key) => [key, packages[key]]));
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added.length} platform entries added${added.length ? `: ${added.join(', ')}` : ''}`);

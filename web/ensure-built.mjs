#!/usr/bin/env node
// Builds the web view (vite -> web/dist) when web/dist is missing or older than any web source, so `npm start` serves
// the view on a fresh clone after `npm install` (`chokepoint start` calls it); the end-to-end tests call it too.
// Plain JS (no TypeScript loader needed): it runs before anything else is set up.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const WEB = path.dirname(fileURLToPath(import.meta.url));
const DIST_INDEX = path.join(WEB, 'dist', 'index.html');
/** What the build reads: a change to any of these makes web/dist stale. */
const SOURCES = ['index.html', 'vite.config.ts', 'src', 'public'].map((p) => path.join(WEB, p));

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

/** Why web/dist needs a build, or null when it is up to date. */
export function staleReason() {
  if (!existsSync(DIST_INDEX)) return 'web/dist is missing';
  const built = statSync(DIST_INDEX).mtimeMs;
  const changed = SOURCES.find((source) => newestMtime(source) > built);
  return changed ? `${path.relative(path.dirname(WEB), changed)} changed since the last build` : null;
}

/**
 * Builds when stale (or always with `force`). Resolves to true when a build ran. Without vite (an install with
 * --omit=dev) it explains and resolves false: the API still starts, it just has no view to serve.
 */
export async function ensureWebBuilt({ force = false, log = (m) => console.error(m) } = {}) {
  const reason = force ? 'a build was asked for' : staleReason();
  if (!reason) return false;
  let vite;
  try {
    vite = await import('vite');
  } catch {
    log(`chokepoint: ${reason}, but vite is not installed (run \`npm install\` with dev dependencies, then \`npm run build:web\`); starting without the web view.`);
    return false;
  }
  log(`chokepoint: building the web view (${reason})…`);
  const started = Date.now();
  await vite.build({ configFile: path.join(WEB, 'vite.config.ts'), logLevel: 'warn' });
  log(`chokepoint: web view built into web/dist in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureWebBuilt({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(`chokepoint: the web view build failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  });
}

// The Chromium the e2e tests drive (Debian's, through playwright-core) and its flags, shared by every e2e file.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { createApp } from '../../src/api/app.ts';
import { readShippedDataset } from '../../src/data/index.ts';
import { MemoryStore } from '../../src/store/memory.ts';
import { ensureWebBuilt } from '../../web/ensure-built.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROMIUM = '/usr/bin/chromium';
/**
 * Headless Chromium without a GPU: sigma needs WebGL, which SwiftShader (software) provides. Chromium still falls back
 * to it on its own here, but newer releases only do so when told, hence the explicit flags.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(`e2e: SKIPPED — ${CHROMIUM} is missing (install it with: apt-get update && apt-get install -y chromium)`);
}

/** The built view served by the real API on the shipped dataset (memory store) at 127.0.0.1:<random>, and Chromium. */
export async function startView(): Promise<{ server: Server; base: string; browser: Browser; close(): Promise<void> }> {
  await ensureWebBuilt({ log: () => undefined });
  const store = new MemoryStore({ dataset: await readShippedDataset() });
  const app = createApp({ store, webRoot: path.join(REPO, 'web', 'dist'), logger: pino({ level: 'silent' }) });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  return {
    server,
    base,
    browser,
    close: async () => {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Starts the view before the enclosing describe's tests and closes it after: `base` and `browser` once started. */
export function useView(): { readonly base: string; readonly browser: Browser } {
  let view: Awaited<ReturnType<typeof startView>> | undefined;
  beforeAll(async () => {
    view = await startView();
  });
  afterAll(async () => {
    await view?.close();
  });
  return {
    get base() {
      return view!.base;
    },
    get browser() {
      return view!.browser;
    },
  };
}

// Vite build of the web view: web/ -> web/dist (served at / by the API, src/api/app.ts). `npm run build:web` builds,
// `npx vite web` serves it in development with /api proxied to a local `npm start` (PORT, default 8080).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // sigma + graphology + d3-geo are one ~300 kB chunk; splitting it would only add requests.
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
  clearScreen: false,
  logLevel: 'warn',
});

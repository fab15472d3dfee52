import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { frontEndFor } from './src/shared/front-ends.js';

const root = resolve(import.meta.dirname, 'src/web');
const apiServer = process.env.API_URL ?? 'http://127.0.0.1:3000';

/** In `npm run dev`, page addresses (/portal/jobs/…, /console, /tech) get their front end's HTML, as the server does once built. */
const frontEndPages = (): Plugin => ({
  name: 'arrivo-front-end-pages',
  configureServer(server) {
    server.middlewares.use((request, _response, next) => {
      const path = (request.url ?? '/').split('?')[0] ?? '/';
      const frontEnd = frontEndFor(path);
      if (frontEnd && (request.headers.accept ?? '').includes('text/html')) request.url = `/${frontEnd}.html`;
      next();
    });
  },
});

/**
 * Writes .br and .gz next to every built text asset, once, at maximum compression; the server
 * sends them to browsers that accept them (@fastify/static preCompressed), so nothing is
 * compressed per request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'arrivo-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle() {
      const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
      for (const file of walk(join(outDir, 'assets')).filter((f) => /\.(js|css|svg|json)$/.test(f))) {
        const data = readFileSync(file);
        writeFileSync(`${file}.gz`, gzipSync(data, { level: 9 }));
        writeFileSync(`${file}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
      }
    },
  };
}

export default defineConfig({
  root,
  plugins: [react(), frontEndPages(), precompress()],
  build: {
    outDir: resolve(import.meta.dirname, 'dist/web'),
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    rollupOptions: {
      input: {
        portal: resolve(root, 'portal.html'),
        console: resolve(root, 'console.html'),
        technician: resolve(root, 'technician.html'),
      },
    },
  },
  server: {
    port: 5173,
    strictPort: true,
    proxy: { '/api': apiServer, '/health': apiServer },
  },
});

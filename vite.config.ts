import { resolve } from 'node:path';
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

export default defineConfig({
  root,
  plugins: [react(), frontEndPages()],
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

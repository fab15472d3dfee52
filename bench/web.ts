/**
 * `npm run bench -- web`: what each main page makes the browser download, gzipped, measured on a
 * fresh production build. The baseline, built in the same run with the same Vite, is a bare React
 * app that renders one line: the ratio shows what Arrivo adds on top of React itself. The portal's
 * job page, the page most customers open, must stay under 150 KB of gzipped JavaScript.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Manifest } from 'vite';
import react from '@vitejs/plugin-react';
import { machineInfo, round, table, writeResults, type Benchmark } from './common.js';

const ROOT = path.resolve(import.meta.dirname, '..');
export const JOB_PAGE_BUDGET_KB = 150;

/**
 * The main pages: the front end's entry plus the lazily loaded page module the route shows (and,
 * for the job page while the technician drives there, the map it loads on top).
 */
const PAGES: readonly { name: string; entry: string; page: string; also?: string }[] = [
  { name: 'portal: job page', entry: 'portal.html', page: 'features/job-status/components/job-status-page.tsx' },
  { name: 'portal: job page with map', entry: 'portal.html', page: 'features/job-status/components/job-status-page.tsx', also: 'features/job-status/components/job-map.tsx' },
  { name: 'portal: new request', entry: 'portal.html', page: 'features/service-requests/components/new-request-page.tsx' },
  { name: 'console: job board', entry: 'console.html', page: 'features/job-board/components/job-board-page.tsx' },
  { name: 'console: job detail', entry: 'console.html', page: 'features/job-detail/components/job-detail-page.tsx' },
  { name: 'technician: today', entry: 'technician.html', page: 'features/technician-day/components/today-page.tsx' },
];

interface Weight {
  files: number;
  jsBytes: number;
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** Everything a page needs before it shows: the chunks reachable through static imports, and their CSS. */
function weigh(outDir: string, manifest: Manifest, keys: string[]): Weight {
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    const chunk = manifest[key];
    if (!chunk) throw new Error(`${key} is not in the build's manifest`);
    seen.add(key);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  keys.forEach(visit);
  const js = new Set<string>();
  const css = new Set<string>();
  for (const key of seen) {
    const chunk = manifest[key]!;
    if (chunk.file.endsWith('.js')) js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
  }
  const gzip = (file: string) => gzipSync(fs.readFileSync(path.join(outDir, file)), { level: 9 }).length;
  return {
    files: js.size + css.size,
    jsBytes: [...js].reduce((sum, file) => sum + fs.statSync(path.join(outDir, file)).size, 0),
    jsGzipBytes: [...js].reduce((sum, file) => sum + gzip(file), 0),
    cssGzipBytes: [...css].reduce((sum, file) => sum + gzip(file), 0),
  };
}

const readManifest = (outDir: string) => JSON.parse(fs.readFileSync(path.join(outDir, '.vite', 'manifest.json'), 'utf8')) as Manifest;

/** The baseline: React and ReactDOM rendering one line, built the same way. */
async function buildBareReact(workDir: string): Promise<Weight> {
  const root = path.join(workDir, 'bare-src');
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="./main.jsx"></script>');
  fs.writeFileSync(path.join(root, 'main.jsx'), "import { createRoot } from 'react-dom/client';\ncreateRoot(document.getElementById('root')).render(<p>Hello</p>);\n");
  const outDir = path.join(workDir, 'bare-dist');
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: { react: path.join(ROOT, 'node_modules/react'), 'react-dom': path.join(ROOT, 'node_modules/react-dom') } },
    build: { outDir, emptyOutDir: true, manifest: true },
  });
  return weigh(outDir, readManifest(outDir), ['index.html']);
}

export const webBenchmark: Benchmark = {
  name: 'web',
  description: 'JavaScript and CSS each main page downloads (gzipped), against a bare React app',
  async run() {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'arrivo-bench-web-'));
    try {
      const outDir = path.join(workDir, 'arrivo');
      await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
      const manifest = readManifest(outDir);
      const bare = await buildBareReact(workDir);
      const kb = (bytes: number) => round(bytes / 1024, 1);
      const pages = PAGES.map((page) => ({ name: page.name, ...weigh(outDir, manifest, [page.entry, page.page, ...(page.also ? [page.also] : [])]) }));
      console.log(
        table(
          ['page', 'files', 'JS KB', 'JS gzip KB', 'CSS gzip KB', '× bare React'],
          [
            ['baseline: bare React app', bare.files, kb(bare.jsBytes), kb(bare.jsGzipBytes), kb(bare.cssGzipBytes), '1.00×'],
            ...pages.map((p) => [p.name, p.files, kb(p.jsBytes), kb(p.jsGzipBytes), kb(p.cssGzipBytes), `${(p.jsGzipBytes / bare.jsGzipBytes).toFixed(2)}×`]),
          ],
        ),
      );
      const jobPage = pages[0]!;
      const withinBudget = jobPage.jsGzipBytes / 1024 <= JOB_PAGE_BUDGET_KB;
      console.log(`\nPortal job page: ${kb(jobPage.jsGzipBytes)} KB of gzipped JavaScript; budget ${JOB_PAGE_BUDGET_KB} KB: ${withinBudget ? 'within' : 'OVER'}.`);
      const file = writeResults('web', {
        machine: machineInfo(),
        measuredAt: new Date().toISOString(),
        budgetKb: JOB_PAGE_BUDGET_KB,
        baseline: { name: 'bare React app', jsGzipKb: kb(bare.jsGzipBytes) },
        pages: pages.map((p) => ({ name: p.name, files: p.files, jsKb: kb(p.jsBytes), jsGzipKb: kb(p.jsGzipBytes), cssGzipKb: kb(p.cssGzipBytes), ratioToBareReact: round(p.jsGzipBytes / bare.jsGzipBytes) })),
      });
      console.log(`Figures written to ${path.relative(process.cwd(), file)}`);
      if (!withinBudget) process.exitCode = 1;
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  },
};

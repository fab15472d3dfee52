/**
 * Starts the solver in a worker thread (route-solver.worker.ts) and waits for its answer.
 *
 * The worker is the compiled .js next to this file in dist/, or the .ts source under tsx (dev) and
 * Vitest, where the worker needs tsx's loader itself: Vitest transforms only the main thread.
 * Runs are queued one at a time per process: the machine's cores serve requests too.
 */
import { Worker } from 'node:worker_threads';
import type { VrptwProblem, VrptwSolveOptions, VrptwSolveResult } from '../scheduling/vrptw/vrptw.types.js';

const fromSource = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./route-solver.worker.${fromSource ? 'ts' : 'js'}`, import.meta.url);
/**
 * From source, a tiny CommonJS bootstrap registers tsx in the worker and imports the .ts worker:
 * `execArgv: ['--import', 'tsx']` does not reach a worker's module loader on Node 20.
 */
const SOURCE_BOOTSTRAP = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(WORKER_URL.href)}, ${JSON.stringify(import.meta.url)}));`;

let queue: Promise<unknown> = Promise.resolve();
/** Beyond the solver's own time limit: starting the worker (tsx compiles it from source) and answering. */
const GRACE_MS = 30_000;

/** Solves in a worker thread; rejects if the worker fails or the problem is invalid. */
export function solveInWorker(problem: VrptwProblem, options: VrptwSolveOptions): Promise<VrptwSolveResult> {
  const run = queue.then(() => runOnce(problem, options));
  queue = run.catch(() => undefined);
  return run;
}

function runOnce(problem: VrptwProblem, options: VrptwSolveOptions): Promise<VrptwSolveResult> {
  return new Promise((resolve, reject) => {
    const worker = fromSource ? new Worker(SOURCE_BOOTSTRAP, { eval: true, workerData: { problem, options } }) : new Worker(WORKER_URL, { workerData: { problem, options } });
    let settled = false;
    // The solver always stops at its time limit; a worker that does not answer is stuck, not slow.
    const watchdog = setTimeout(() => {
      if (settled) return;
      settled = true;
      reject(new Error('route solver worker did not answer in time'));
      void worker.terminate();
    }, (options.timeLimitMs ?? 0) + GRACE_MS);
    watchdog.unref();
    worker.once('message', (message: { ok: true; result: VrptwSolveResult } | { ok: false; message: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      if (message.ok) resolve(message.result);
      else reject(new Error(`route solver: ${message.message}`));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      reject(error);
    });
    worker.once('exit', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      reject(new Error(`route solver worker stopped (exit code ${code}) before answering`));
    });
  });
}

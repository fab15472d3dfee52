/**
 * Runs the VRPTW solver off the main thread: a day takes seconds of pure computation, which would
 * otherwise stall every request of the process. One message in (problem and options), one out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveVrptw } from '../scheduling/vrptw/vrptw-solver.js';
import type { VrptwProblem, VrptwSolveOptions } from '../scheduling/vrptw/vrptw.types.js';

const { problem, options } = workerData as { problem: VrptwProblem; options: VrptwSolveOptions };
try {
  parentPort!.postMessage({ ok: true, result: solveVrptw(problem, options) });
} catch (error) {
  parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}

/**
 * `npm run bench` runs every benchmark; `npm run bench -- api` runs the ones named. Each prints a
 * table and writes its figures to bench/results/<name>.json.
 */
import { apiBenchmark } from './api.js';
import type { Benchmark } from './common.js';
import { liveBenchmark } from './live.js';
import { notifyBenchmark } from './notify.js';
import { webBenchmark } from './web.js';

const BENCHMARKS: Benchmark[] = [apiBenchmark, notifyBenchmark, webBenchmark, liveBenchmark];

async function main(names: string[]) {
  const unknown = names.filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => `${b.name} (${b.description})`).join('; ')}.`);
    process.exit(2);
  }
  const selected = names.length > 0 ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
  for (const benchmark of selected) {
    console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
    await benchmark.run();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

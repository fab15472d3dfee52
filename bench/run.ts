/**
 * `npm run bench` runs every benchmark; `npm run bench -- api` runs the ones named. Each prints a
 * table and writes its figures to bench/results/<name>.json.
 */
import { apiBenchmark } from './api.js';
import { availabilityBenchmark } from './availability.js';
import type { Benchmark } from './common.js';
import { liveBenchmark } from './live.js';
import { notifyBenchmark } from './notify.js';
import { optimiseDayBenchmark } from './optimise-day.js';
import { vrptwBenchmark } from './vrptw.js';
import { webBenchmark } from './web.js';

const BENCHMARKS: Benchmark[] = [apiBenchmark, notifyBenchmark, webBenchmark, liveBenchmark, vrptwBenchmark, availabilityBenchmark, optimiseDayBenchmark];

/** `api notify` → two benchmarks; `vrptw --seconds 2 --only C101` → one, with its options (each `--option value` belongs to the name before it). */
function parseArguments(argv: string[]): { name: string; args: string[] }[] {
  const runs: { name: string; args: string[] }[] = [];
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (!arg.startsWith('--')) {
      runs.push({ name: arg, args: [] });
      continue;
    }
    const current = runs.at(-1);
    if (!current) throw new Error(`${arg} comes before any benchmark name; options follow the benchmark they are for`);
    current.args.push(arg, ...(argv[index + 1] !== undefined ? [argv[++index]!] : []));
  }
  return runs;
}

async function main(argv: string[]) {
  const requested = parseArguments(argv);
  const unknown = requested.map((r) => r.name).filter((name) => !BENCHMARKS.some((b) => b.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown benchmark${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}. Known: ${BENCHMARKS.map((b) => `${b.name} (${b.description})`).join('; ')}.`);
    process.exit(2);
  }
  const selected = requested.length > 0 ? requested.map((r) => ({ benchmark: BENCHMARKS.find((b) => b.name === r.name)!, args: r.args })) : BENCHMARKS.map((benchmark) => ({ benchmark, args: [] }));
  for (const { benchmark, args } of selected) {
    console.log(`\n== ${benchmark.name}: ${benchmark.description}`);
    await benchmark.run(args);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

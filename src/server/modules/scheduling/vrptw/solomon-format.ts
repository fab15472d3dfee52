/**
 * Reads the Solomon VRPTW text format (the benchmark's, also used by Gehring & Homberger):
 * name on line 1, "NUMBER CAPACITY" values on line 5, then one row per node
 * `id x y demand ready due service`, the depot first. Lines may end in CRLF and carry trailing spaces.
 */
import type { VrptwProblem } from './vrptw.types.js';

/** Parses one instance; throws an error naming the line on anything unexpected. */
export function parseSolomonInstance(text: string, source = 'instance'): VrptwProblem {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const fail = (index: number, message: string): never => {
    throw new Error(`${source}, line ${index + 1}: ${message} (got "${lines[index] ?? ''}")`);
  };
  const name = lines[0] || fail(0, 'expected the instance name');
  const vehicleHeader = lines.findIndex((line) => /^VEHICLE$/i.test(line));
  if (vehicleHeader < 0) fail(0, 'no VEHICLE section');
  const fleetLine = lines.findIndex((line, index) => index > vehicleHeader && /^\d/.test(line));
  if (fleetLine < 0) fail(vehicleHeader, 'no vehicle number and capacity after VEHICLE');
  const fleet = numbersOf(lines[fleetLine]!);
  if (fleet === null || fleet.length !== 2) fail(fleetLine, 'expected two numbers: vehicle count and capacity');
  const [maxVehicles, vehicleCapacity] = fleet!;
  const customerHeader = lines.findIndex((line, index) => index > fleetLine && /^CUSTOMER$/i.test(line));
  if (customerHeader < 0) fail(fleetLine, 'no CUSTOMER section');

  const rows: { line: number; values: number[] }[] = [];
  for (let index = customerHeader + 1; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === '' || /^CUST/i.test(line)) continue;
    const values = numbersOf(line);
    if (values === null || values.length !== 7) fail(index, 'expected 7 numbers: id x y demand ready due service');
    rows.push({ line: index, values: values! });
  }
  if (rows.length === 0) fail(customerHeader, 'no depot row after CUSTOMER');
  const [depot, ...customers] = rows;
  const [, depotX, depotY, , depotReady, depotDue] = depot!.values;
  for (const row of customers) {
    const [, , , demand, ready, due, service] = row.values as [number, number, number, number, number, number, number];
    if (demand < 0 || service < 0 || due < ready) fail(row.line, 'demand and service time must not be negative, and the due date not before the ready time');
  }
  return {
    name,
    depot: { x: depotX!, y: depotY!, windowStart: depotReady!, windowEnd: depotDue! },
    customers: customers.map(({ values: [id, x, y, demand, ready, due, service] }) => ({
      id: id!,
      x: x!,
      y: y!,
      demand: demand!,
      windowStart: ready!,
      windowEnd: due!,
      serviceTime: service!,
    })),
    vehicleCapacity: vehicleCapacity!,
    maxVehicles: maxVehicles!,
  };
}

/** The whitespace-separated numbers of a line, or null if any field is not a number. */
function numbersOf(line: string): number[] | null {
  const values = line.split(/\s+/).map(Number);
  return values.every((value) => Number.isFinite(value)) ? values : null;
}

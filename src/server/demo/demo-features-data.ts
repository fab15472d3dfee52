/**
 * What the demo company writes on its estimates and invoices, in its plans, messages and
 * surveys. Static, like demo-data.ts; seed-demo-features.ts puts it on the demo's jobs.
 */
import type { CategoryKey } from './demo-data.js';

type LineKind = 'service' | 'part' | 'labour' | 'fee';
export interface DemoLine {
  kind: LineKind;
  description: string;
  quantity: number;
  /** Cents, before tax. */
  unitPriceMinor: number;
}

/** Labour is billed per technician hour. */
export const LABOUR_RATE_MINOR = 12_500;
const labour = (hours: number, description = 'Labour'): DemoLine => ({ kind: 'labour', description, quantity: hours, unitPriceMinor: LABOUR_RATE_MINOR });
const part = (description: string, unitPriceMinor: number, quantity = 1): DemoLine => ({ kind: 'part', description, quantity, unitPriceMinor });
const PERMIT: DemoLine = { kind: 'fee', description: 'City of Austin permit and inspection', quantity: 1, unitPriceMinor: 17_500 };
const HAUL_AWAY: DemoLine = { kind: 'service', description: 'Haul-away and disposal of the old equipment', quantity: 1, unitPriceMinor: 12_500 };

export const BILLING_SETTINGS = {
  // Austin's combined sales tax: 6.25 % Texas, 1 % city, 1 % Capital Metro.
  defaultTaxRateBp: 825,
  invoiceDueDays: 3,
  approvedEstimateAction: 'add_visit',
  defaultTerms: 'Payment is due within 3 days of the invoice date. Pay online by card from the link in your e-mail, or by check payable to Lone Star Home Services. Parts carry a 1-year warranty, labour 90 days.',
  pdfFooter: 'Lone Star Home Services · TACLA 123456C · Master Plumber M-40123 · Electrical Contractor EC-31234',
} as const;

/** The "Repair / Replace" choice a technician leaves when a visit finds worn-out equipment. */
export const ESTIMATES: Record<CategoryKey, { title: string; repair: DemoLine[]; replace: DemoLine[]; replaceNote: string }> = {
  acRepair: {
    title: 'Air conditioner: repair or replace',
    repair: [part('Compressor hard-start kit', 14_900), part('Dual run capacitor 45/5 µF', 8_900), { kind: 'service', description: 'Refrigerant leak repair and recharge, R-410A (per lb)', quantity: 3, unitPriceMinor: 9_500 }, labour(2.5)],
    replace: [part('3-ton 16 SEER2 heat pump condenser with matching evaporator coil', 685_000), labour(8, 'Installation, two technicians'), PERMIT, HAUL_AWAY],
    replaceNote: 'The condenser is 17 years old and uses a discontinued coil; a new system carries a 10-year parts warranty.',
  },
  heating: {
    title: 'Furnace: repair or replace',
    repair: [part('Hot surface igniter', 12_500), part('Flame sensor', 6_900), { kind: 'service', description: 'Burner cleaning and combustion test', quantity: 1, unitPriceMinor: 8_900 }, labour(1.5)],
    replace: [part('80,000 BTU 96 % AFUE two-stage gas furnace', 389_000), labour(6, 'Installation, two technicians'), PERMIT, HAUL_AWAY],
    replaceNote: 'The heat exchanger shows surface rust; a new furnace avoids a repeat visit this winter.',
  },
  tuneUp: {
    title: 'Blower: repair or replace',
    repair: [{ kind: 'service', description: 'Blower wheel removal and deep cleaning', quantity: 1, unitPriceMinor: 19_500 }, labour(1)],
    replace: [part('Variable-speed ECM blower motor', 89_500), labour(2)],
    replaceNote: 'An ECM motor uses about a third of the electricity of the original PSC motor.',
  },
  plumbing: {
    title: 'Leaking supply line: repair or replace',
    repair: [part('Brass compression fittings and shut-off valve', 4_800), labour(1.5)],
    replace: [part('PEX-A re-pipe of the kitchen and laundry branch (materials)', 62_000), labour(6), { kind: 'service', description: 'Drywall patch after the re-pipe', quantity: 1, unitPriceMinor: 28_000 }],
    replaceNote: 'The galvanised branch is corroded inside; re-piping it stops the next leak before it starts.',
  },
  waterHeater: {
    title: 'Water heater: repair or replace',
    repair: [part('Gas control valve and thermocouple', 31_500), part('Anode rod, magnesium', 5_900), labour(2)],
    replace: [part('50-gallon gas water heater, 6-year warranty', 169_000), part('Expansion tank and seismic straps', 14_500), labour(4, 'Installation'), PERMIT, HAUL_AWAY],
    replaceNote: 'The tank is 13 years old and sediment-filled; the valve repair may only buy a season.',
  },
  drains: {
    title: 'Main drain: clear or replace the broken section',
    repair: [{ kind: 'service', description: 'Hydro-jetting of the main line, cleanout to street', quantity: 1, unitPriceMinor: 59_500 }, { kind: 'service', description: 'Camera inspection with recording', quantity: 1, unitPriceMinor: 19_500 }],
    replace: [{ kind: 'service', description: 'Excavate and replace 12 ft of collapsed cast-iron drain with PVC', quantity: 1, unitPriceMinor: 420_000 }, PERMIT],
    replaceNote: 'The camera found a belly and roots at 38 ft; jetting clears it for now, the replacement fixes it.',
  },
  electrical: {
    title: 'Electrical panel: repair or upgrade',
    repair: [part('20 A AFCI breakers', 5_900, 3), { kind: 'service', description: 'Torque and re-terminate loose branch connections', quantity: 1, unitPriceMinor: 14_500 }, labour(1.5)],
    replace: [part('200 A main panel with surge protection', 210_000), labour(8, 'Panel change-out, two electricians'), { kind: 'fee', description: 'Austin Energy disconnect and reconnect', quantity: 1, unitPriceMinor: 15_000 }, PERMIT],
    replaceNote: 'The existing panel is a Federal Pacific Stab-Lok, known for breakers that fail to trip.',
  },
  appliances: {
    title: 'Dishwasher: repair or replace',
    repair: [part('Drain pump assembly', 16_900), part('Door gasket', 4_900), labour(1.5)],
    replace: [part('Bosch 300 Series dishwasher, stainless', 94_900), labour(2, 'Installation and hook-up'), HAUL_AWAY],
    replaceNote: 'The control board is also showing error codes; replacement avoids a second repair.',
  },
  gasLeak: {
    title: 'Gas line: repair or replace',
    repair: [part('Flare fittings and appliance connector', 7_500), { kind: 'service', description: 'Pressure test of the house line', quantity: 1, unitPriceMinor: 14_500 }, labour(1)],
    replace: [part('CSST gas line, kitchen and water heater branches (materials)', 48_000), labour(5), { kind: 'service', description: 'Pressure test of the house line', quantity: 1, unitPriceMinor: 14_500 }, PERMIT],
    replaceNote: 'The black-iron branch under the house is corroded at three joints.',
  },
};

/** What an ordinary visit of each category is billed: the trip, the time, the part. */
export const INVOICE_LINES: Record<CategoryKey, DemoLine[]> = {
  acRepair: [part('Dual run capacitor 45/5 µF', 8_900), labour(1.5)],
  heating: [part('Hot surface igniter', 12_500), labour(1.5)],
  tuneUp: [{ kind: 'service', description: 'Seasonal HVAC tune-up, one system', quantity: 1, unitPriceMinor: 14_900 }, part('Pleated air filter 16x25x1', 1_800, 2)],
  plumbing: [part('Fill valve, flapper and supply line', 4_600), labour(1)],
  waterHeater: [{ kind: 'service', description: 'Tank flush and anode inspection', quantity: 1, unitPriceMinor: 14_500 }, part('Thermocouple', 3_900), labour(1)],
  drains: [{ kind: 'service', description: 'Drain cleaning, one access point', quantity: 1, unitPriceMinor: 22_500 }],
  electrical: [part('GFCI receptacle, 20 A', 3_400, 2), labour(1.5)],
  appliances: [part('Drain pump assembly', 16_900), labour(1)],
  gasLeak: [{ kind: 'service', description: 'Gas leak detection and pressure test', quantity: 1, unitPriceMinor: 14_500 }, part('Flare fitting', 1_900, 2), labour(0.5)],
};

export const SERVICE_CALL: DemoLine = { kind: 'fee', description: 'Service call', quantity: 1, unitPriceMinor: 8_900 };

/** Recurring service plans; `startMonthsAgo` and `nextInDays` place the anchor so a visit falls soon. */
export const SERVICE_PLANS = [
  {
    name: 'HVAC maintenance every 6 months',
    category: 'tuneUp',
    frequency: { every: 6, unit: 'month' },
    startMonthsAgo: 6,
    nextInDays: 12,
    preferredTimeOfDay: 'morning',
    notes: 'Two systems: upstairs air handler in the attic, downstairs in the garage closet. Filters are 16x25x1 (two).',
  },
  {
    name: 'AC check every year',
    category: 'tuneUp',
    frequency: { every: 1, unit: 'year' },
    startMonthsAgo: 0,
    nextInDays: 19,
    preferredTimeOfDay: 'afternoon',
    notes: 'Five rooftop units; ask the front desk for the roof key. Check the condensate pans over rooms 204 and 311.',
  },
  {
    name: 'Kitchen drain jetting every 3 months',
    category: 'drains',
    frequency: { every: 3, unit: 'month' },
    startMonthsAgo: 3,
    nextInDays: 8,
    preferredTimeOfDay: 'morning',
    notes: 'Before opening (we open at 7 a.m.): jet the kitchen line and the grease interceptor outlet.',
  },
] as const;

/** A customer's question about the estimate, and the office's answer. */
export const ESTIMATE_QUESTION = {
  question: 'Thanks for the estimate. Does the "Replace" price include taking the old unit away, and how soon could you do it?',
  answer: 'Yes, haul-away, disposal and the city permit are all included in "Replace". Once you approve it we can usually install within 2–3 business days.',
};

export const ARRIVAL_QUESTION = {
  question: 'Could the technician call about 30 minutes before arriving? We work from home but have a meeting at 11.',
  answer: 'Of course. I have added a note on your visit, and you will also get a text with the live map when the technician sets out.',
};

/** A customer asking about a request nobody has booked yet; the demo leaves it unanswered. */
export const WAITING_QUESTION = 'Hi, any idea when someone can come out? We are home all day tomorrow if that helps.';

/** Survey answers of completed jobs, in the order they are given out. */
export const SURVEY_ANSWERS: { rating: number; comment: string | null; wouldRecommend: boolean }[] = [
  { rating: 5, comment: 'On time, explained everything before starting and left the place spotless.', wouldRecommend: true },
  { rating: 5, comment: 'Fast, friendly and the price matched the estimate.', wouldRecommend: true },
  { rating: 4, comment: 'Good work. Arrived near the end of the window, but called ahead.', wouldRecommend: true },
  { rating: 5, comment: null, wouldRecommend: true },
  { rating: 2, comment: 'The technician came an hour after the window and we had to call twice to find out where he was. The repair itself seems fine.', wouldRecommend: false },
  { rating: 4, comment: 'Fixed on the first visit. Booking online was easy.', wouldRecommend: true },
];

/**
 * The demo company's static world: one service company in Austin, Texas, its people, its
 * catalogue and its customers. Nothing here touches the database; seed-demo.ts feeds it through
 * the services, and demo-plan.ts writes the jobs' stories over it.
 */
import type { Priority } from '../modules/jobs/jobs.table.js';

export const DEMO_SLUG = 'lone-star-home-services';
export const DEMO_STAFF_EMAIL_DOMAIN = 'lonestarhome.example';
/** The seed of the pseudo-random generator: the same seed gives the same demo every run. */
export const DEMO_RANDOM_SEED = 512_2026;

export const COMPANY = {
  name: 'Lone Star Home Services',
  timezone: 'America/Chicago',
  phone: '+1 512-555-0100',
  email: 'hello@lonestarhome.example',
  // Burnt orange, the colour of the city.
  brandColor: '#bf5700',
  referencePrefix: 'LSH',
  city: 'Austin',
  region: 'TX',
  country: 'US',
} as const;

/** A working day: arrival windows are two hours long and start on these local hours. */
export const WINDOW_START_HOURS = [8, 10, 12, 14, 16] as const;
export const WINDOW_HOURS = 2;

// ------------------------------------------------------------------ places

export interface Neighbourhood {
  name: string;
  postalCode: string;
  /** Roughly the middle of the neighbourhood; addresses fall within a few hundred metres of it. */
  lat: number;
  lng: number;
  streets: readonly string[];
}

export const NEIGHBOURHOODS = {
  hydePark: { name: 'Hyde Park', postalCode: '78751', lat: 30.307, lng: -97.729, streets: ['Avenue B', 'Avenue D', 'Avenue G', 'Speedway', 'Duval St', 'E 41st St'] },
  northLoop: { name: 'North Loop', postalCode: '78751', lat: 30.3185, lng: -97.7205, streets: ['N Loop Blvd', 'Avenue F', 'E 53rd St', 'Guadalupe St'] },
  travisHeights: { name: 'Travis Heights', postalCode: '78704', lat: 30.2475, lng: -97.744, streets: ['Travis Heights Blvd', 'Kenwood Ave', 'Newning Ave', 'Alameda Dr', 'Sunnyvale St'] },
  bouldin: { name: 'Bouldin Creek', postalCode: '78704', lat: 30.254, lng: -97.757, streets: ['Bouldin Ave', 'W Mary St', 'W Annie St', 'S 5th St', 'W Johanna St'] },
  southCongress: { name: 'South Congress', postalCode: '78704', lat: 30.2495, lng: -97.7495, streets: ['S Congress Ave', 'E Monroe St', 'E Elizabeth St'] },
  zilker: { name: 'Zilker', postalCode: '78704', lat: 30.262, lng: -97.77, streets: ['Kinney Ave', 'Rabb Rd', 'Bluebonnet Ln', 'Wilson St', 'Barton Springs Rd'] },
  bartonHills: { name: 'Barton Hills', postalCode: '78704', lat: 30.252, lng: -97.785, streets: ['Barton Hills Dr', 'Trail of Madrones', 'Rabb Glen St', 'Azie Morton Rd'] },
  tarrytown: { name: 'Tarrytown', postalCode: '78703', lat: 30.295, lng: -97.77, streets: ['Windsor Rd', 'Exposition Blvd', 'Pecos St', 'Hartford Rd', 'Scenic Dr'] },
  clarksville: { name: 'Clarksville', postalCode: '78703', lat: 30.283, lng: -97.757, streets: ['W 10th St', 'Waterston Ave', 'Charlotte St', 'Theresa Ave', 'W Lynn St'] },
  holly: { name: 'Holly', postalCode: '78702', lat: 30.256, lng: -97.725, streets: ['Holly St', 'Chicon St', 'Comal St', 'Garden St', 'E 2nd St'] },
  cherrywood: { name: 'Cherrywood', postalCode: '78722', lat: 30.289, lng: -97.716, streets: ['Cherrywood Rd', 'Maple Ave', 'Lafayette Ave', 'E 32nd St', 'Wilshire Blvd'] },
  mueller: { name: 'Mueller', postalCode: '78723', lat: 30.299, lng: -97.705, streets: ['Aldrich St', 'Berkman Dr', 'Philomena St', 'Simond Ave', 'Tilley St'] },
  windsorPark: { name: 'Windsor Park', postalCode: '78723', lat: 30.312, lng: -97.691, streets: ['Northeast Dr', 'Wheless Ln', 'Westminster Dr', 'Broadmoor Dr'] },
  crestview: { name: 'Crestview', postalCode: '78757', lat: 30.347, lng: -97.732, streets: ['Justin Ln', 'Woodrow Ave', 'Arroyo Seco', 'Pasadena Dr', 'Morrow St'] },
  allandale: { name: 'Allandale', postalCode: '78757', lat: 30.338, lng: -97.749, streets: ['Shoal Creek Blvd', 'Greenlawn Pkwy', 'Hillview Rd', 'Allandale Rd'] },
  brentwood: { name: 'Brentwood', postalCode: '78757', lat: 30.335, lng: -97.74, streets: ['Grover Ave', 'Arroyo Seco', 'W Koenig Ln', 'Brentwood St'] },
  rosedale: { name: 'Rosedale', postalCode: '78756', lat: 30.318, lng: -97.745, streets: ['Burnet Rd', 'W 45th St', 'Ramsey Ave', 'W 40th St'] },
  downtown: { name: 'Downtown', postalCode: '78701', lat: 30.268, lng: -97.743, streets: ['Congress Ave', 'Colorado St', 'Lavaca St', 'W 6th St', 'Brazos St'] },
  riverside: { name: 'East Riverside', postalCode: '78741', lat: 30.238, lng: -97.725, streets: ['E Riverside Dr', 'Parker Ln', 'Wickersham Ln', 'Burton Dr'] },
  northBurnet: { name: 'North Burnet', postalCode: '78758', lat: 30.402, lng: -97.725, streets: ['Burnet Rd', 'Braker Ln', 'Domain Dr'] },
  westgate: { name: 'Westgate', postalCode: '78745', lat: 30.211, lng: -97.802, streets: ['Westgate Blvd', 'W William Cannon Dr', 'Manchaca Rd', 'Cherry Creek Dr'] },
} as const satisfies Record<string, Neighbourhood>;

export type NeighbourhoodKey = keyof typeof NEIGHBOURHOODS;

// ------------------------------------------------------------------ skills and catalogue

export const SKILLS = ['hvac', 'plumbing', 'electrical', 'appliances', 'gas-safe'] as const;
export type Skill = (typeof SKILLS)[number];

export interface DemoCategory {
  name: string;
  description: string;
  durationMinutes: number;
  requiredSkills: Skill[];
  /** Minutes from request to arrival promised for each priority. */
  slaMinutes: Record<Priority, number>;
  /** What customers write when they ask for it. */
  requests: string[];
  /** What technicians write when they finish. */
  completionNotes: string[];
}

const HOUR = 60;
const DAY = 24 * HOUR;

export const CATEGORIES = {
  acRepair: {
    name: 'AC repair',
    description: 'Air conditioning that does not cool, freezes up, leaks or makes noise.',
    durationMinutes: 90,
    requiredSkills: ['hvac'],
    slaMinutes: { emergency: 3 * HOUR, high: 8 * HOUR, normal: 2 * DAY, low: 5 * DAY },
    requests: [
      'The AC runs all day but the house will not go below 80°F.',
      'Water is dripping from the indoor unit in the attic onto the hallway ceiling.',
      'The outdoor unit hums but the fan does not spin.',
      'AC blows warm air since last night; the thermostat display is normal.',
      'Loud rattling from the condenser whenever the compressor starts.',
    ],
    completionNotes: [
      'Replaced the failed run capacitor (45/5 µF); system cooling with a 19°F split.',
      'Cleared the clogged condensate line and added a float switch; dried the pan.',
      'Condenser fan motor replaced; amps within spec; coil rinsed.',
      'Refrigerant was low; found and sealed a leak at the service valve, recharged R-410A.',
    ],
  },
  heating: {
    name: 'Heating & furnace repair',
    description: 'Gas furnaces and heat pumps that do not heat.',
    durationMinutes: 90,
    requiredSkills: ['hvac', 'gas-safe'],
    slaMinutes: { emergency: 4 * HOUR, high: 12 * HOUR, normal: 2 * DAY, low: 5 * DAY },
    requests: [
      'The furnace clicks but never lights; no heat in the house.',
      'Heat pump is stuck in defrost mode and blowing cold air.',
      'Burning smell the first time we turned on the heat this season.',
      'The furnace short-cycles every couple of minutes.',
    ],
    completionNotes: [
      'Replaced the cracked hot surface igniter; cleaned the flame sensor; tested three cycles.',
      'Reset the defrost board and replaced the outdoor coil sensor; heat pump heating normally.',
      'Dust on the heat exchanger burning off; changed the filter and checked for CO: none.',
    ],
  },
  tuneUp: {
    name: 'Seasonal HVAC tune-up',
    description: 'A yearly check of the cooling or heating system before the season.',
    durationMinutes: 60,
    requiredSkills: ['hvac'],
    slaMinutes: { emergency: 1 * DAY, high: 2 * DAY, normal: 7 * DAY, low: 14 * DAY },
    requests: ['Yearly AC tune-up before summer, please.', 'Furnace check before the first cold front.', 'Maintenance plan visit for both units (upstairs and downstairs).'],
    completionNotes: [
      'Tune-up done: filter replaced, coils cleaned, drain flushed, refrigerant pressures good.',
      'Both systems checked; upstairs blower wheel is dirty, recommend a cleaning at the next visit.',
    ],
  },
  plumbing: {
    name: 'Plumbing repair',
    description: 'Leaks, running toilets, faucets, fixtures and pipes.',
    durationMinutes: 60,
    requiredSkills: ['plumbing'],
    slaMinutes: { emergency: 2 * HOUR, high: 8 * HOUR, normal: 2 * DAY, low: 5 * DAY },
    requests: [
      'Water leaking under the kitchen sink, coming from the disposal connection.',
      'The toilet in the guest bathroom keeps running.',
      'Low water pressure in the whole house since yesterday.',
      'Burst pipe under the house; we shut off the main valve.',
      'Outdoor hose bib is dripping constantly.',
    ],
    completionNotes: [
      'Replaced the disposal gasket and tightened the slip nuts; no leaks after 20 minutes.',
      'New fill valve and flapper installed; toilet stops filling correctly.',
      'Pressure regulator at the meter had failed; replaced it, 60 psi at the hose bib.',
      'Repaired 3 ft of split PEX under the crawl space; pressure-tested.',
    ],
  },
  waterHeater: {
    name: 'Water heater service',
    description: 'Tank and tankless water heaters: repair, flush, replacement.',
    durationMinutes: 120,
    requiredSkills: ['plumbing', 'gas-safe'],
    slaMinutes: { emergency: 4 * HOUR, high: 12 * HOUR, normal: 2 * DAY, low: 7 * DAY },
    requests: [
      'No hot water this morning; the pilot light on the gas water heater is out.',
      'The tankless heater shows error code 11.',
      'Water heater is 14 years old and leaking at the bottom; we would like a replacement quote.',
    ],
    completionNotes: [
      'Replaced the thermocouple and relit the pilot; water at 120°F.',
      'Descaled the tankless unit and cleaned the inlet filter; error cleared.',
      'Installed a new 50-gallon gas water heater with an expansion tank; old tank hauled away.',
    ],
  },
  drains: {
    name: 'Drain cleaning',
    description: 'Slow or blocked drains and sewer lines.',
    durationMinutes: 45,
    requiredSkills: ['plumbing'],
    slaMinutes: { emergency: 3 * HOUR, high: 12 * HOUR, normal: 2 * DAY, low: 7 * DAY },
    requests: ['Kitchen sink drains very slowly even after using a plunger.', 'Both showers back up when the washing machine drains.', 'Sewer smell in the downstairs bathroom.'],
    completionNotes: ['Snaked the kitchen line 25 ft; cleared a grease blockage.', 'Main line cleared from the cleanout; camera shows roots at 40 ft, quote for repair to follow.'],
  },
  electrical: {
    name: 'Electrical troubleshooting',
    description: 'Breakers that trip, dead outlets, flickering lights.',
    durationMinutes: 60,
    requiredSkills: ['electrical'],
    slaMinutes: { emergency: 2 * HOUR, high: 8 * HOUR, normal: 2 * DAY, low: 5 * DAY },
    requests: [
      'Half the outlets in the living room stopped working.',
      'The breaker for the kitchen trips every time the microwave runs.',
      'Lights flicker in the whole house when the AC starts.',
      'Burning smell from an outlet in the bedroom; we switched off the breaker.',
    ],
    completionNotes: [
      'Found a loose back-stabbed connection upstream; rewired the outlets on screw terminals.',
      'Put the microwave on its own 20 A circuit; no more trips.',
      'Tightened the neutral at the panel; voltage steady when the compressor starts.',
      'Replaced the scorched outlet and the damaged wire end; circuit tested.',
    ],
  },
  appliances: {
    name: 'Appliance repair',
    description: 'Washers, dryers, fridges, dishwashers and ovens.',
    durationMinutes: 60,
    requiredSkills: ['appliances'],
    slaMinutes: { emergency: 8 * HOUR, high: 1 * DAY, normal: 3 * DAY, low: 7 * DAY },
    requests: [
      'The refrigerator is not cold but the freezer still works.',
      'Dishwasher leaves water at the bottom after every cycle.',
      'Dryer runs but does not heat.',
      'Front-load washer stops mid-cycle with a UE code.',
    ],
    completionNotes: [
      'Defrosted the evaporator and replaced the defrost heater; fridge at 37°F.',
      'Cleared the drain pump impeller (a broken glass shard); dishwasher drains fully.',
      'Replaced the thermal fuse and cleaned the vent; recommend a duct cleaning.',
      'Rebalanced the drum and replaced worn shock absorbers.',
    ],
  },
  gasLeak: {
    name: 'Gas leak check',
    description: 'Smell of gas, gas line checks and new gas connections.',
    durationMinutes: 45,
    requiredSkills: ['gas-safe'],
    slaMinutes: { emergency: 1 * HOUR, high: 4 * HOUR, normal: 1 * DAY, low: 3 * DAY },
    requests: ['Faint gas smell near the range; we opened the windows.', 'Need the gas line to the new dryer checked before we use it.'],
    completionNotes: ['Leak at the range flex connector; replaced it and leak-tested the line: holding.', 'Dryer connection tested with a manometer and soap: no leaks.'],
  },
} as const satisfies Record<string, DemoCategory>;

export type CategoryKey = keyof typeof CATEGORIES;

// ------------------------------------------------------------------ staff

export interface DemoPerson {
  key: string;
  name: string;
  /** The local part; the domain comes from the seed options so test runs can use their own. */
  emailLocal: string;
}

export const ADMIN: DemoPerson = { key: 'admin', name: 'Hank Morales', emailLocal: 'hank.morales' };

export const DISPATCHERS: DemoPerson[] = [
  { key: 'rachel', name: 'Rachel Kim', emailLocal: 'rachel.kim' },
  { key: 'dwayne', name: 'Dwayne Carter', emailLocal: 'dwayne.carter' },
  { key: 'megan', name: "Megan O'Brien", emailLocal: 'megan.obrien' },
];

export interface DemoTechnician extends DemoPerson {
  phone: string;
  skills: Skill[];
  bio: string | null;
  /** Whether a dispatcher has approved the bio (customers see it only then). */
  bioApproved: boolean;
  home: { neighbourhood: NeighbourhoodKey; address: string; lat: number; lng: number };
}

export const TECHNICIANS: DemoTechnician[] = [
  {
    key: 'marcus',
    name: 'Marcus Hill',
    emailLocal: 'marcus.hill',
    phone: '+1 512-555-0111',
    skills: ['hvac', 'gas-safe'],
    bio: 'Marcus has kept Austin cool for 14 years. NATE-certified, he grew up in Crestview and still coaches Little League there on weekends.',
    bioApproved: true,
    home: { neighbourhood: 'crestview', address: '7802 Woodrow Ave, Austin 78757', lat: 30.3494, lng: -97.7311 },
  },
  {
    key: 'sofia',
    name: 'Sofía Ramírez',
    emailLocal: 'sofia.ramirez',
    phone: '+1 512-555-0112',
    skills: ['plumbing', 'gas-safe'],
    bio: 'Master plumber, licensed in Texas since 2012. Sofía speaks English and Spanish and loves a tidy crawl space.',
    bioApproved: true,
    home: { neighbourhood: 'holly', address: '1707 Holly St, Austin 78702', lat: 30.2548, lng: -97.7262 },
  },
  {
    key: 'tyrone',
    name: 'Tyrone Jackson',
    emailLocal: 'tyrone.jackson',
    phone: '+1 512-555-0113',
    skills: ['electrical'],
    bio: 'Licensed master electrician with a soft spot for old Austin bungalows and their knob-and-tube wiring.',
    bioApproved: true,
    home: { neighbourhood: 'windsorPark', address: '6105 Westminster Dr, Austin 78723', lat: 30.3131, lng: -97.6897 },
  },
  {
    key: 'emily',
    name: 'Emily Nguyen',
    emailLocal: 'emily.nguyen',
    phone: '+1 512-555-0114',
    skills: ['hvac', 'electrical'],
    bio: 'Emily joined us from the Air Force, where she maintained aircraft climate systems. Ask her about heat pumps.',
    bioApproved: false,
    home: { neighbourhood: 'travisHeights', address: '1300 Kenwood Ave, Austin 78704', lat: 30.2466, lng: -97.7428 },
  },
  {
    key: 'carlos',
    name: 'Carlos Mendoza',
    emailLocal: 'carlos.mendoza',
    phone: '+1 512-555-0115',
    skills: ['plumbing', 'appliances'],
    bio: 'Twenty years on the tools. Carlos fixes what others replace, and explains what he did.',
    bioApproved: true,
    home: { neighbourhood: 'riverside', address: '2201 Parker Ln, Austin 78741', lat: 30.2367, lng: -97.7268 },
  },
  {
    key: 'jake',
    name: 'Jake Petersen',
    emailLocal: 'jake.petersen',
    phone: '+1 512-555-0116',
    skills: ['appliances', 'electrical'],
    bio: null,
    bioApproved: false,
    home: { neighbourhood: 'allandale', address: '2401 Greenlawn Pkwy, Austin 78757', lat: 30.3372, lng: -97.7506 },
  },
  {
    key: 'priya',
    name: 'Priya Patel',
    emailLocal: 'priya.patel',
    phone: '+1 512-555-0117',
    skills: ['hvac', 'plumbing', 'gas-safe'],
    bio: 'Priya is our lead technician for water heaters and gas work, and trains every new hire.',
    bioApproved: true,
    home: { neighbourhood: 'bartonHills', address: '2010 Barton Hills Dr, Austin 78704', lat: 30.2531, lng: -97.7838 },
  },
  {
    key: 'luis',
    name: 'Luis Herrera',
    emailLocal: 'luis.herrera',
    phone: '+1 512-555-0118',
    skills: ['hvac', 'appliances'],
    bio: 'Luis has repaired every brand of fridge sold in Texas, he says. Weekends: brisket.',
    bioApproved: false,
    home: { neighbourhood: 'mueller', address: '4500 Berkman Dr, Austin 78723', lat: 30.3012, lng: -97.7036 },
  },
];

// ------------------------------------------------------------------ customers

export interface DemoContact {
  name: string;
  email: string;
  phone: string;
  role?: 'admin' | 'member';
}

export interface DemoSite {
  label: string | null;
  neighbourhood: NeighbourhoodKey;
  /** Street number and name; omitted for households, which get one from their neighbourhood. */
  street?: string;
  line2?: string;
  accessNotes?: string;
}

export interface DemoCustomer {
  key: string;
  kind: 'household' | 'organisation';
  name: string;
  contacts: DemoContact[];
  sites: DemoSite[];
  /** Households covered by the HomeShield Warranty network, whose jobs mostly come through it. */
  warranty?: boolean;
}

export const ORGANISATIONS: DemoCustomer[] = [
  {
    key: 'barton-creek-dental',
    kind: 'organisation',
    name: 'Barton Creek Dental Group',
    contacts: [
      { name: 'Dr. Karen Whitfield', email: 'karen.whitfield@bartoncreekdental.example', phone: '+1 512-555-0131', role: 'admin' },
      { name: 'Josh Alvarez', email: 'josh.alvarez@bartoncreekdental.example', phone: '+1 512-555-0132', role: 'member' },
      { name: 'Tamika Brooks', email: 'tamika.brooks@bartoncreekdental.example', phone: '+1 512-555-0133', role: 'member' },
    ],
    sites: [
      { label: 'Zilker office', neighbourhood: 'zilker', street: '1600 Barton Springs Rd', line2: 'Suite 200', accessNotes: 'Use the staff entrance at the back; ask for Josh.' },
      { label: 'Crestview office', neighbourhood: 'crestview', street: '2113 W Anderson Ln', accessNotes: 'Open 7:30–17:00; patients in the waiting room, please be discreet.' },
      { label: 'Mueller office', neighbourhood: 'mueller', street: '1801 Aldrich St', line2: 'Suite 140' },
    ],
  },
  {
    key: 'eastside-property',
    kind: 'organisation',
    name: 'Eastside Property Management',
    contacts: [
      { name: 'Daniel Ortiz', email: 'daniel@eastsidepm.example', phone: '+1 512-555-0134', role: 'admin' },
      { name: 'Sarah Lin', email: 'sarah@eastsidepm.example', phone: '+1 512-555-0135', role: 'member' },
      { name: 'Marco Reyes', email: 'maintenance@eastsidepm.example', phone: '+1 512-555-0136', role: 'member' },
    ],
    sites: [
      { label: 'Chicon St fourplex', neighbourhood: 'holly', street: '1104 Chicon St', accessNotes: 'Lockbox on the side gate, code 4417. Tenants are notified 24 h ahead.' },
      { label: 'Cherrywood duplex', neighbourhood: 'cherrywood', street: '3104 Maple Ave' },
      { label: 'Windsor Park rental', neighbourhood: 'windsorPark', street: '5907 Broadmoor Dr', accessNotes: 'Tenant works from home; call 30 minutes before.' },
      { label: 'Riverside apartments, building C', neighbourhood: 'riverside', street: '1915 Burton Dr', line2: 'Building C', accessNotes: 'Check in at the leasing office for the mechanical room key.' },
    ],
  },
  {
    key: 'hyde-park-coffee',
    kind: 'organisation',
    name: 'Hyde Park Coffee Co.',
    contacts: [
      { name: 'Hannah Meyer', email: 'hannah@hydeparkcoffee.example', phone: '+1 512-555-0137', role: 'admin' },
      { name: 'Ben Castillo', email: 'ben@hydeparkcoffee.example', phone: '+1 512-555-0138', role: 'member' },
    ],
    sites: [
      { label: 'Duval St café', neighbourhood: 'hydePark', street: '4301 Duval St', accessNotes: 'Busy 7–10 am; service entrance off the alley.' },
      { label: 'North Loop café', neighbourhood: 'northLoop', street: '5201 N Loop Blvd' },
    ],
  },
  {
    key: 'mueller-montessori',
    kind: 'organisation',
    name: 'Mueller Montessori School',
    contacts: [
      { name: 'Angela Foster', email: 'facilities@muellermontessori.example', phone: '+1 512-555-0139', role: 'admin' },
      { name: 'Robert Chen', email: 'robert.chen@muellermontessori.example', phone: '+1 512-555-0140', role: 'member' },
    ],
    sites: [
      { label: 'Main campus', neighbourhood: 'mueller', street: '2100 Philomena St', accessNotes: 'Sign in at the front desk; visitor badge required while children are present.' },
      { label: 'Early years building', neighbourhood: 'mueller', street: '2210 Simond Ave' },
    ],
  },
  {
    key: 'hotel-magnolia',
    kind: 'organisation',
    name: 'Hotel Magnolia South Congress',
    contacts: [
      { name: 'Chris Delgado', email: 'engineering@hotelmagnolia.example', phone: '+1 512-555-0141', role: 'admin' },
      { name: 'Olivia Grant', email: 'frontoffice@hotelmagnolia.example', phone: '+1 512-555-0142', role: 'member' },
    ],
    sites: [
      { label: 'Main building', neighbourhood: 'southCongress', street: '1610 S Congress Ave', accessNotes: 'Loading dock on E Monroe St; ask for engineering.' },
      { label: 'Garden cottages', neighbourhood: 'southCongress', street: '1606 S Congress Ave', line2: 'Cottages 1–8' },
    ],
  },
  {
    key: 'riverside-vet',
    kind: 'organisation',
    name: 'Riverside Veterinary Clinic',
    contacts: [
      { name: 'Dr. Samuel Okafor', email: 'sam@riversidevet.example', phone: '+1 512-555-0143', role: 'admin' },
      { name: 'Jenna Park', email: 'frontdesk@riversidevet.example', phone: '+1 512-555-0144', role: 'member' },
    ],
    sites: [
      { label: 'Clinic', neighbourhood: 'riverside', street: '2300 E Riverside Dr' },
      { label: 'Boarding annex', neighbourhood: 'riverside', street: '2304 E Riverside Dr', accessNotes: 'Dogs are boarded here; keep both doors closed.' },
    ],
  },
  {
    key: 'capital-city-fitness',
    kind: 'organisation',
    name: 'Capital City Fitness',
    contacts: [
      { name: 'Tasha Williams', email: 'tasha@capitalcityfitness.example', phone: '+1 737-555-0151', role: 'admin' },
      { name: 'Kevin Moore', email: 'kevin@capitalcityfitness.example', phone: '+1 737-555-0152', role: 'member' },
      { name: 'Alyssa Tran', email: 'alyssa@capitalcityfitness.example', phone: '+1 737-555-0153', role: 'member' },
    ],
    sites: [
      { label: 'Downtown studio', neighbourhood: 'downtown', street: '408 Congress Ave', line2: '2nd floor' },
      { label: 'Domain studio', neighbourhood: 'northBurnet', street: '11600 Domain Dr', line2: 'Suite 110' },
      { label: 'Westgate studio', neighbourhood: 'westgate', street: '4477 S Lamar Blvd', line2: 'Unit 600' },
    ],
  },
  {
    key: 'pecan-street-cowork',
    kind: 'organisation',
    name: 'Pecan Street Co-working',
    contacts: [
      { name: 'Ryan Gallagher', email: 'ryan@pecanstreet.example', phone: '+1 737-555-0154', role: 'admin' },
      { name: 'Maya Singh', email: 'maya@pecanstreet.example', phone: '+1 737-555-0155', role: 'member' },
    ],
    sites: [
      { label: 'Downtown floor', neighbourhood: 'downtown', street: '600 Brazos St', line2: '4th floor' },
      { label: 'East side space', neighbourhood: 'holly', street: '1900 E 2nd St' },
    ],
  },
];

const household = (key: string, neighbourhood: NeighbourhoodKey, contacts: [string, string, string][], options: { warranty?: boolean; accessNotes?: string } = {}): DemoCustomer => ({
  key,
  kind: 'household',
  name: `${contacts[0]![0].split(' ').slice(-1)[0]} household`,
  contacts: contacts.map(([name, email, phone]) => ({ name, email, phone })),
  sites: [{ label: 'Home', neighbourhood, ...(options.accessNotes ? { accessNotes: options.accessNotes } : {}) }],
  ...(options.warranty ? { warranty: true } : {}),
});

export const HOUSEHOLDS: DemoCustomer[] = [
  household('whitaker', 'hydePark', [
    ['Jordan Whitaker', 'jordan.whitaker@example.com', '+1 512-555-0161'],
    ['Casey Whitaker', 'casey.whitaker@example.com', '+1 512-555-0162'],
  ], { accessNotes: 'Side gate code 2741. Friendly golden retriever in the yard.' }),
  household('gonzalez', 'holly', [['María González', 'maria.gonzalez@example.net', '+1 512-555-0163']]),
  household('thompson', 'tarrytown', [['David Thompson', 'dthompson@example.org', '+1 512-555-0164']], { warranty: true }),
  household('johnson', 'windsorPark', [['Aisha Johnson', 'aisha.johnson@example.com', '+1 512-555-0165']], { accessNotes: 'Please park on the street, not in the driveway.' }),
  household('oconnor', 'travisHeights', [['Kevin O’Connor', 'kevin.oconnor@example.net', '+1 512-555-0166']]),
  household('tran', 'crestview', [['Linh Tran', 'linh.tran@example.com', '+1 512-555-0167']], { warranty: true }),
  household('salinas', 'riverside', [['Roberto Salinas', 'roberto.salinas@example.org', '+1 512-555-0168']]),
  household('blake', 'allandale', [['Jennifer Blake', 'jen.blake@example.com', '+1 512-555-0169']], { warranty: true, accessNotes: 'Two cats; keep the laundry room door closed.' }),
  household('chen', 'mueller', [['Michael Chen', 'michael.chen@example.net', '+1 512-555-0170']]),
  household('rodriguez', 'bouldin', [['Stephanie Rodríguez', 'steph.rodriguez@example.com', '+1 512-555-0171']]),
  household('walker', 'zilker', [['Brian Walker', 'brian.walker@example.org', '+1 512-555-0172']]),
  household('hassan', 'northLoop', [['Fatima Hassan', 'fatima.hassan@example.com', '+1 512-555-0173']]),
  household('hargrove', 'bartonHills', [
    ['Tom Hargrove', 'tom.hargrove@example.net', '+1 512-555-0174'],
    ['Ellen Hargrove', 'ellen.hargrove@example.net', '+1 512-555-0175'],
  ], { warranty: true, accessNotes: 'Steep driveway; park at the top.' }),
  household('kim', 'clarksville', [['Grace Kim', 'grace.kim@example.com', '+1 512-555-0176']]),
  household('williams', 'cherrywood', [['Andre Williams', 'andre.williams@example.org', '+1 512-555-0177']]),
  household('stein', 'rosedale', [['Rebecca Stein', 'rebecca.stein@example.com', '+1 512-555-0178']]),
  household('medina', 'westgate', [['Jorge Medina', 'jorge.medina@example.net', '+1 512-555-0179']], { warranty: true }),
  household('harper', 'brentwood', [['Nicole Harper', 'nicole.harper@example.com', '+1 512-555-0180']]),
  household('desai', 'crestview', [['Samir Desai', 'samir.desai@example.org', '+1 512-555-0181']]),
  household('mitchell', 'southCongress', [['Lauren Mitchell', 'lauren.mitchell@example.com', '+1 512-555-0182']], { accessNotes: 'Apartment 3B, buzz at the front door.' }),
  household('price', 'hydePark', [['Ethan Price', 'ethan.price@example.net', '+1 512-555-0183']], { warranty: true }),
  household('vega', 'holly', [['Carmen Vega', 'carmen.vega@example.com', '+1 737-555-0161']]),
  household('tanaka', 'tarrytown', [['Hiroshi Tanaka', 'hiroshi.tanaka@example.org', '+1 737-555-0162']]),
  household('adeyemi', 'mueller', [['Olu Adeyemi', 'olu.adeyemi@example.com', '+1 737-555-0163']]),
  household('sullivan', 'travisHeights', [['Katie Sullivan', 'katie.sullivan@example.net', '+1 737-555-0164']], { warranty: true }),
  household('novak', 'allandale', [['Peter Novak', 'peter.novak@example.com', '+1 737-555-0165']]),
  household('flores', 'riverside', [['Isabel Flores', 'isabel.flores@example.org', '+1 737-555-0166']]),
  household('morgan', 'windsorPark', [
    ['Chris Morgan', 'chris.morgan@example.com', '+1 737-555-0167'],
    ['Dana Morgan', 'dana.morgan@example.com', '+1 737-555-0168'],
  ]),
  household('lee', 'zilker', [['Amanda Lee', 'amanda.lee@example.net', '+1 737-555-0169']], { warranty: true }),
  household('ramos', 'westgate', [['Victor Ramos', 'victor.ramos@example.com', '+1 737-555-0170']]),
  household('goldberg', 'rosedale', [['Naomi Goldberg', 'naomi.goldberg@example.org', '+1 737-555-0171']]),
  household('jensen', 'northLoop', [['Tyler Jensen', 'tyler.jensen@example.com', '+1 737-555-0172']], { warranty: true }),
];

export const CUSTOMERS: DemoCustomer[] = [...ORGANISATIONS, ...HOUSEHOLDS];

/** The third-party source whose customers never see technician bios. */
export const WARRANTY_SOURCE = { name: 'HomeShield Warranty', hideTechnicianBios: true, apiKeyName: 'HomeShield production', claimPrefix: 'HS-' } as const;

// ------------------------------------------------------------------ words on the timeline

export const PAUSE_MESSAGES = [
  'The part we need is not on the truck; it is ordered and we will book a follow-up visit as soon as it arrives.',
  'We found a second problem that needs a bigger repair; a quote is on its way before we continue.',
  'The replacement part has to come from the manufacturer; we will call you with a date for the follow-up.',
];
export const WARRANTY_PAUSE_MESSAGE = 'Waiting for HomeShield to authorise the replacement part; we will book the follow-up as soon as they do.';

export const FOLLOW_UP_REASONS = ['Part ordered; follow-up booked for its delivery day', 'Follow-up visit once the part is in', 'Quote approved by the customer'];

export const RESCHEDULE_REASONS = [
  'Customer asked for a later day',
  'Technician off sick; moved to the next free window',
  'Customer will not be home in the morning',
  'Earlier job ran long',
];

export const CANCEL_AFTER_BOOKING_REASONS = [
  'Customer fixed it themselves (the breaker had tripped)',
  'Customer chose to replace the unit with their builder',
  'Customer is moving out; the landlord will handle it',
];
export const CANCEL_DUPLICATE_REASON = 'Duplicate of an earlier request';
export const CANCEL_NOT_COVERED_REASON = 'Not covered by the warranty plan; the customer declined a paid visit';

export const CUSTOMER_NOTES = [
  'Please call when you are 10 minutes away; the doorbell does not work.',
  'Access is through the back door; the front steps are being repaired.',
  'Street parking only on weekdays.',
  'We have a new puppy, please close the gate behind you.',
  'It got worse overnight; please come as early in the window as you can.',
  'Someone will be home all afternoon.',
];

export const STAFF_NOTES = [
  'Customer called to confirm; prefers a text before arrival.',
  'Bring a 10-ft ladder: two-storey building.',
  'Repeat customer, last visit two months ago for the same unit.',
];
export const WARRANTY_STAFF_NOTE = 'HomeShield authorisation received by phone; $75 service fee collected by the network.';

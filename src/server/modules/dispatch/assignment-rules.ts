/**
 * Which technician takes a visit, by the company's dispatch rules — pure, so every rule and its
 * order can be tested on made-up technicians (docs/dispatch-rules.md).
 *
 * Hard rules (required skills; territory as a filter) take technicians out. Every soft rule then
 * scores each remaining technician between 0 and 1, relative to the others; the total is the sum of
 * scores × weights, where a rule higher in the list counts a little more (10 % per place) so that
 * the order matters even at equal weights. Equal totals are settled by the rules in their order,
 * then by the least added driving, then by id, so the same inputs always give the same technician.
 * Each technician gets a reason a dispatcher can read in a second.
 */
import { DateTime } from 'luxon';
import { pointInPolygon, postalCodeMatches } from '../scheduling/availability.js';
import type { GeoPoint } from '../tracking/eta.js';

export type Priority = 'low' | 'normal' | 'high' | 'emergency';

export const RULE_KEYS = ['skills', 'territory', 'priority_sla', 'preferred_technician', 'load_balance', 'travel'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export interface AssignmentRule {
  key: RuleKey;
  enabled: boolean;
  /** 0–10: how much a soft rule counts; filters ignore it. */
  weight: number;
  /** territory: 'filter' leaves technicians outside their territories out; 'prefer' ranks them lower. */
  mode?: 'filter' | 'prefer';
  /** load_balance: what counts as a technician's load that day. */
  measure?: 'minutes' | 'visits';
  /** preferred_technician: without a preferred technician, favour the one who last served the customer. */
  fallbackToLastTechnician?: boolean;
  /** priority_sla: the priorities that go to whoever can arrive soonest. */
  priorities?: Priority[];
}

export interface DispatchRules {
  /** New jobs (portal requests, integrations, the office) get a window and a technician on their own. */
  autoAssignNewRequests: boolean;
  /** Bookings without a chosen technician are assigned by the rules (otherwise: least added driving). */
  autoAssignBookings: boolean;
  /** In priority order. */
  rules: AssignmentRule[];
}

/** What a company assigns with until an admin changes it. */
export const DEFAULT_DISPATCH_RULES: Readonly<DispatchRules> = Object.freeze({
  autoAssignNewRequests: false,
  autoAssignBookings: true,
  rules: [
    { key: 'skills', enabled: true, weight: 0 },
    { key: 'territory', enabled: true, weight: 5, mode: 'filter' },
    { key: 'priority_sla', enabled: true, weight: 8, priorities: ['emergency', 'high'] },
    { key: 'preferred_technician', enabled: true, weight: 6, fallbackToLastTechnician: true },
    { key: 'load_balance', enabled: true, weight: 5, measure: 'visits' },
    { key: 'travel', enabled: true, weight: 4 },
  ],
} satisfies DispatchRules);

/** The defaults of one rule, used to complete a stored list written before that rule existed. */
export function defaultRule(key: RuleKey): AssignmentRule {
  return { ...DEFAULT_DISPATCH_RULES.rules.find((r) => r.key === key)! };
}

/** Every rule exactly once, in the stored order, unknown keys dropped and missing ones appended with their defaults. */
export function completeRules(rules: readonly AssignmentRule[]): AssignmentRule[] {
  const seen = new Set<RuleKey>();
  const result: AssignmentRule[] = [];
  for (const rule of rules) {
    if (!RULE_KEYS.includes(rule.key) || seen.has(rule.key)) continue;
    seen.add(rule.key);
    result.push({ ...defaultRule(rule.key), ...rule });
  }
  for (const key of RULE_KEYS) if (!seen.has(key)) result.push(defaultRule(key));
  return result;
}

export interface CandidateTerritory {
  name: string;
  postalCodes: string[];
  polygon: [number, number][] | null;
}

/** One technician who might take the visit, with what the rules look at. */
export interface AssignmentCandidate {
  technicianId: string;
  name: string;
  skills: string[];
  /** Empty: serves everywhere. */
  territories: CandidateTerritory[];
  /** How they would take the visit in its window; null when they cannot (other visits, time off, not working). */
  fit: { plannedArrival: number; addedTravelSeconds: number } | null;
  visitsThatDay: number;
  bookedMinutesThatDay: number;
}

/** The visit being assigned. */
export interface AssignmentVisit {
  requiredSkills: string[];
  postalCode: string | null;
  point: GeoPoint | null;
  priority: Priority;
  /** Epoch ms. */
  slaDueAt: number | null;
  preferredTechnicianId: string | null;
  lastTechnician: { id: string; at: number } | null;
  /** The company's zone, for the times in reasons. */
  timezone: string;
}

export type Exclusion = 'unavailable' | 'skills' | 'territory';

export interface RankedCandidate {
  technicianId: string;
  name: string;
  /** Fits the window and passes every hard rule: may be assigned by the rules. */
  eligible: boolean;
  /** Why not, when not eligible. */
  excludedBy: Exclusion | null;
  /** 0–100, among the eligible; 0 for the others. */
  score: number;
  /** "Has the gas-safe skill · covers 787* · 2 visits that day, the fewest". */
  reason: string;
  plannedArrival: string | null;
  addedTravelMinutes: number | null;
}

/** How each soft rule scores one technician, relative to the others; null: the rule has nothing to say here. */
interface Scored {
  candidate: AssignmentCandidate;
  scores: Map<RuleKey, number>;
  /** What each rule says about the technician, put in the rules' order for the reason. */
  notes: Map<RuleKey, string>;
  /** Would arrive after the SLA due time of an urgent job: ranked after everyone who would not. */
  late: boolean;
  total: number;
}

const SOFT_RULES: readonly RuleKey[] = ['territory', 'priority_sla', 'preferred_technician', 'load_balance', 'travel'];

/** Ranks the technicians for a visit: the eligible best first, then those who fit but a hard rule keeps out, then those who cannot come. */
export function rankCandidates(candidates: readonly AssignmentCandidate[], visit: AssignmentVisit, config: Pick<DispatchRules, 'rules'>): RankedCandidate[] {
  const rules = completeRules(config.rules).filter((r) => r.enabled);
  const rule = (key: RuleKey) => rules.find((r) => r.key === key);
  const skillsRule = rule('skills');
  const territoryRule = rule('territory');

  const excluded: { candidate: AssignmentCandidate; by: Exclusion; fragments: string[] }[] = [];
  const eligible: Scored[] = [];
  for (const candidate of candidates) {
    const notes = new Map<RuleKey, string>();
    const missing = missingSkills(candidate, visit);
    if (skillsRule && visit.requiredSkills.length > 0) notes.set('skills', missing.length === 0 ? `has the ${skillList(visit.requiredSkills)}` : `lacks the ${skillList(missing)}`);
    const coverage = territoryCoverage(candidate, visit);
    if (territoryRule) notes.set('territory', coverage.text);
    const by: Exclusion | null = !candidate.fit ? 'unavailable' : skillsRule && missing.length > 0 ? 'skills' : territoryRule?.mode !== 'prefer' && territoryRule && coverage.level === 0 ? 'territory' : null;
    const fragments = inOrder(rules, notes);
    if (by) excluded.push({ candidate, by, fragments: by === 'unavailable' ? ['has no room for this visit in the window (other visits, time off or outside working hours)', ...fragments] : fragments });
    else eligible.push({ candidate, scores: new Map(territoryRule?.mode === 'prefer' ? [['territory', coverage.level]] : []), notes, late: false, total: 0 });
  }

  scoreSla(eligible, visit, rule('priority_sla'));
  scorePreferred(eligible, visit, rule('preferred_technician'));
  scoreLoad(eligible, rule('load_balance'));
  scoreTravel(eligible, rule('travel'));

  const soft = rules.filter((r) => SOFT_RULES.includes(r.key) && (r.key !== 'territory' || r.mode === 'prefer'));
  const weightOf = new Map(soft.map((r, index) => [r.key, r.weight * (1 + 0.1 * (soft.length - 1 - index))]));
  // The best possible total counts only the rules that had something to say about this visit.
  const spoke = new Set(eligible.flatMap((e) => [...e.scores.keys()]));
  const maxTotal = [...weightOf].filter(([key]) => spoke.has(key)).reduce((sum, [, w]) => sum + w, 0);
  for (const entry of eligible) entry.total = [...entry.scores].reduce((sum, [key, score]) => sum + (weightOf.get(key) ?? 0) * score, 0);

  eligible.sort((a, b) => {
    if (a.late !== b.late) return a.late ? 1 : -1;
    if (Math.abs(a.total - b.total) > 1e-9) return b.total - a.total;
    for (const r of soft) {
      const difference = (b.scores.get(r.key) ?? 0) - (a.scores.get(r.key) ?? 0);
      if (Math.abs(difference) > 1e-9) return difference;
    }
    return a.candidate.fit!.addedTravelSeconds - b.candidate.fit!.addedTravelSeconds || compareIds(a.candidate.technicianId, b.candidate.technicianId);
  });
  const order: Record<Exclusion, number> = { territory: 0, skills: 1, unavailable: 2 };
  excluded.sort((a, b) => order[a.by] - order[b.by] || a.candidate.name.localeCompare(b.candidate.name));

  return [
    ...eligible.map((entry) => ({
      technicianId: entry.candidate.technicianId,
      name: entry.candidate.name,
      eligible: true,
      excludedBy: null,
      score: maxTotal > 0 ? Math.round((100 * entry.total) / maxTotal) : 0,
      reason: sentence(inOrder(rules, entry.notes)),
      ...fitDto(entry.candidate),
    })),
    ...excluded.map((entry) => ({
      technicianId: entry.candidate.technicianId,
      name: entry.candidate.name,
      eligible: false,
      excludedBy: entry.by,
      score: 0,
      reason: sentence(entry.fragments),
      ...fitDto(entry.candidate),
    })),
  ];
}

// ------------------------------------------------------------------ the rules

function scoreSla(eligible: Scored[], visit: AssignmentVisit, rule: AssignmentRule | undefined) {
  if (!rule || !(rule.priorities ?? []).includes(visit.priority) || eligible.length === 0) return;
  const arrivals = eligible.map((e) => e.candidate.fit!.plannedArrival);
  const soonest = Math.min(...arrivals);
  const latest = Math.max(...arrivals);
  for (const entry of eligible) {
    const arrival = entry.candidate.fit!.plannedArrival;
    const time = clock(arrival, visit.timezone);
    const first = arrival === soonest && eligible.length > 1 ? ', the soonest' : '';
    if (visit.slaDueAt !== null && arrival > visit.slaDueAt) {
      entry.scores.set('priority_sla', 0);
      entry.late = eligible.some((other) => other.candidate.fit!.plannedArrival <= visit.slaDueAt!);
      note(entry, 'priority_sla', `arrives ${time}, after the SLA due time (${clock(visit.slaDueAt, visit.timezone)})`);
      continue;
    }
    // Within the SLA: the soonest scores 1, the latest still 0.5, ahead of anyone who would be late.
    entry.scores.set('priority_sla', latest === soonest ? 1 : 1 - (0.5 * (arrival - soonest)) / (latest - soonest));
    note(entry, 'priority_sla', visit.slaDueAt !== null ? `can arrive by ${time}${first}, within the SLA` : `can arrive by ${time}${first}`);
  }
}

function scorePreferred(eligible: Scored[], visit: AssignmentVisit, rule: AssignmentRule | undefined) {
  if (!rule) return;
  const last = visit.preferredTechnicianId === null && rule.fallbackToLastTechnician !== false ? visit.lastTechnician : null;
  // Nobody here is the customer's technician: the rule has nothing to say and does not count.
  if (!eligible.some((e) => e.candidate.technicianId === visit.preferredTechnicianId || e.candidate.technicianId === last?.id)) return;
  for (const entry of eligible) {
    const id = entry.candidate.technicianId;
    if (id === visit.preferredTechnicianId) {
      entry.scores.set('preferred_technician', 1);
      note(entry, 'preferred_technician', "the customer's preferred technician");
    } else if (last && id === last.id) {
      entry.scores.set('preferred_technician', 1);
      note(entry, 'preferred_technician', `served this customer last (${DateTime.fromMillis(last.at, { zone: visit.timezone }).toFormat('d LLL')})`);
    } else {
      entry.scores.set('preferred_technician', 0);
    }
  }
}

function scoreLoad(eligible: Scored[], rule: AssignmentRule | undefined) {
  if (!rule || eligible.length === 0) return;
  const byMinutes = rule.measure === 'minutes';
  const load = (c: AssignmentCandidate) => (byMinutes ? c.bookedMinutesThatDay : c.visitsThatDay);
  const loads = eligible.map((e) => load(e.candidate));
  const least = Math.min(...loads);
  const most = Math.max(...loads);
  for (const entry of eligible) {
    const value = load(entry.candidate);
    entry.scores.set('load_balance', most === least ? 1 : (most - value) / (most - least));
    const lightest = value === least && most > least;
    if (byMinutes) note(entry, 'load_balance', value === 0 ? 'nothing booked that day' : `${duration(value)} booked that day${lightest ? ', the least' : ''}`);
    else note(entry, 'load_balance', value === 0 ? 'no other visits that day' : `${value} visit${value === 1 ? '' : 's'} that day${lightest ? ', the fewest' : ''}`);
  }
}

function scoreTravel(eligible: Scored[], rule: AssignmentRule | undefined) {
  if (!rule || eligible.length === 0) return;
  const travel = eligible.map((e) => e.candidate.fit!.addedTravelSeconds);
  const least = Math.min(...travel);
  const most = Math.max(...travel);
  for (const entry of eligible) {
    const seconds = entry.candidate.fit!.addedTravelSeconds;
    entry.scores.set('travel', most === least ? 1 : (most - seconds) / (most - least));
    const minutes = Math.round(seconds / 60);
    const shortest = seconds === least && most > least ? ', the least' : '';
    note(entry, 'travel', minutes <= 0 ? `no extra driving${shortest}` : `adds ${duration(minutes)} of driving${shortest}`);
  }
}

// ------------------------------------------------------------------ helpers

function note(entry: Scored, rule: RuleKey, text: string) {
  entry.notes.set(rule, text);
}

const inOrder = (rules: readonly AssignmentRule[], notes: Map<RuleKey, string>) => rules.flatMap((r) => (notes.has(r.key) ? [notes.get(r.key)!] : []));

function missingSkills(candidate: AssignmentCandidate, visit: AssignmentVisit): string[] {
  const has = new Set(candidate.skills.map((s) => s.toLowerCase()));
  return visit.requiredSkills.filter((s) => !has.has(s.toLowerCase()));
}

/** 1: one of their territories covers the address; 0.5: they serve everywhere; 0: outside their territories. */
function territoryCoverage(candidate: AssignmentCandidate, visit: AssignmentVisit): { level: number; text: string } {
  if (candidate.territories.length === 0) return { level: 0.5, text: 'serves every area' };
  for (const territory of candidate.territories) {
    const entry = visit.postalCode ? territory.postalCodes.find((code) => postalCodeMatches(code, visit.postalCode!)) : undefined;
    if (entry) return { level: 1, text: `covers ${entry}` };
    if (visit.point && territory.polygon && territory.polygon.length >= 3 && pointInPolygon(visit.point, territory.polygon)) return { level: 1, text: `covers the ${territory.name} area` };
  }
  return { level: 0, text: 'outside their territories' };
}

const skillList = (skills: readonly string[]) => `${listOf(skills)} skill${skills.length === 1 ? '' : 's'}`;

function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function sentence(fragments: readonly string[]): string {
  const text = fragments.join(' · ');
  return text ? text[0]!.toUpperCase() + text.slice(1) : 'No rule tells the technicians apart';
}

const clock = (instant: number, timezone: string) => DateTime.fromMillis(instant, { zone: timezone }).toFormat('HH:mm');

function duration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${String(rest).padStart(2, '0')}`;
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const fitDto = (c: AssignmentCandidate) => ({
  plannedArrival: c.fit ? new Date(c.fit.plannedArrival).toISOString() : null,
  addedTravelMinutes: c.fit ? Math.round(c.fit.addedTravelSeconds / 60) : null,
});

import { describe, expect, it } from 'vitest';
import { completeRules, DEFAULT_DISPATCH_RULES, rankCandidates, type AssignmentCandidate, type AssignmentRule, type AssignmentVisit, type RuleKey } from '../../src/server/modules/dispatch/assignment-rules.js';

/** Wed 14 Jan 2026 in Chicago (UTC−6): 08:00 local is 14:00Z. */
const AT_8 = Date.parse('2026-01-14T14:00:00.000Z');
const MIN = 60_000;

const visit = (overrides: Partial<AssignmentVisit> = {}): AssignmentVisit => ({
  requiredSkills: ['gas-safe'],
  postalCode: '78701',
  point: { lat: 30.27, lng: -97.74 },
  priority: 'normal',
  slaDueAt: null,
  preferredTechnicianId: null,
  lastTechnician: null,
  timezone: 'America/Chicago',
  ...overrides,
});

const tech = (id: string, overrides: Partial<AssignmentCandidate> = {}): AssignmentCandidate => ({
  technicianId: id,
  name: id.toUpperCase(),
  skills: ['gas-safe'],
  territories: [],
  fit: { plannedArrival: AT_8, addedTravelSeconds: 600 },
  visitsThatDay: 0,
  bookedMinutesThatDay: 0,
  ...overrides,
});

/** Only the named rules on, in that order, every weight equal unless given. */
function only(keys: RuleKey[], extra: Partial<Record<RuleKey, Partial<AssignmentRule>>> = {}): { rules: AssignmentRule[] } {
  const rules = completeRules(DEFAULT_DISPATCH_RULES.rules).map((r) => ({ ...r, enabled: keys.includes(r.key), weight: 5, ...extra[r.key] }));
  rules.sort((a, b) => (keys.includes(a.key) ? keys.indexOf(a.key) : 99) - (keys.includes(b.key) ? keys.indexOf(b.key) : 99));
  return { rules };
}

const ids = (ranked: { technicianId: string; eligible: boolean }[]) => ranked.filter((r) => r.eligible).map((r) => r.technicianId);

describe('ranking technicians by dispatch rules', () => {
  it('required skills are a hard filter, and the reason names the skill', () => {
    const ranked = rankCandidates([tech('a', { skills: [] }), tech('b')], visit(), only(['skills']));
    expect(ids(ranked)).toEqual(['b']);
    expect(ranked[0]!.reason).toBe('Has the gas-safe skill');
    expect(ranked[1]).toMatchObject({ technicianId: 'a', eligible: false, excludedBy: 'skills', reason: 'Lacks the gas-safe skill' });
  });

  it('with the skills rule off, a technician without the skill may take it', () => {
    expect(ids(rankCandidates([tech('a', { skills: [] })], visit(), only(['load_balance'])))).toEqual(['a']);
  });

  it('territory as a filter leaves out those who do not cover the address; as a preference it ranks them lower', () => {
    const north = { name: 'North', postalCodes: ['787*'], polygon: null };
    const south = { name: 'South', postalCodes: ['786*'], polygon: null };
    const candidates = [tech('a', { territories: [south] }), tech('b', { territories: [north] }), tech('c')];
    const filtered = rankCandidates(candidates, visit(), only(['territory']));
    expect(ids(filtered)).toEqual(['b', 'c']);
    expect(filtered[0]!.reason).toBe('Covers 787*');
    expect(filtered[1]!.reason).toBe('Serves every area');
    expect(filtered.find((r) => r.technicianId === 'a')).toMatchObject({ excludedBy: 'territory', reason: 'Outside their territories' });

    const preferred = rankCandidates(candidates, visit(), only(['territory'], { territory: { mode: 'prefer' } }));
    expect(ids(preferred)).toEqual(['b', 'c', 'a']);
  });

  it('a territory drawn on the map covers the addresses inside it', () => {
    const drawn = { name: 'Downtown', postalCodes: [], polygon: [[30.2, -97.8], [30.35, -97.8], [30.35, -97.6], [30.2, -97.6]] as [number, number][] };
    const ranked = rankCandidates([tech('a', { territories: [drawn] })], visit({ postalCode: null }), only(['territory']));
    expect(ranked[0]).toMatchObject({ eligible: true, reason: 'Covers the Downtown area' });
  });

  it('load balance favours the lightest day, by visits or by booked minutes', () => {
    const candidates = [tech('a', { visitsThatDay: 3, bookedMinutesThatDay: 90 }), tech('b', { visitsThatDay: 2, bookedMinutesThatDay: 300 })];
    const byVisits = rankCandidates(candidates, visit(), only(['load_balance']));
    expect(ids(byVisits)).toEqual(['b', 'a']);
    expect(byVisits[0]!.reason).toBe('2 visits that day, the fewest');
    const byMinutes = rankCandidates(candidates, visit(), only(['load_balance'], { load_balance: { measure: 'minutes' } }));
    expect(ids(byMinutes)).toEqual(['a', 'b']);
    expect(byMinutes[0]!.reason).toBe('1 h 30 booked that day, the least');
  });

  it("the customer's preferred technician wins over an equally good one; without one, the last technician who served them", () => {
    const candidates = [tech('a'), tech('b')];
    const preferred = rankCandidates(candidates, visit({ preferredTechnicianId: 'b' }), only(['preferred_technician']));
    expect(ids(preferred)).toEqual(['b', 'a']);
    expect(preferred[0]!.reason).toBe("The customer's preferred technician");
    const last = rankCandidates(candidates, visit({ lastTechnician: { id: 'b', at: Date.parse('2025-11-12T15:00:00Z') } }), only(['preferred_technician']));
    expect(last[0]!.reason).toBe('Served this customer last (12 Nov)');
    const noFallback = rankCandidates(candidates, visit({ lastTechnician: { id: 'b', at: AT_8 } }), only(['preferred_technician'], { preferred_technician: { fallbackToLastTechnician: false } }));
    expect(ids(noFallback)).toEqual(['a', 'b']);
  });

  it('emergencies go to whoever can arrive soonest within the SLA; normal jobs ignore the rule', () => {
    const candidates = [tech('late', { fit: { plannedArrival: AT_8 + 150 * MIN, addedTravelSeconds: 60 } }), tech('soon', { visitsThatDay: 4, fit: { plannedArrival: AT_8 + 20 * MIN, addedTravelSeconds: 1200 } })];
    const rules = only(['priority_sla', 'load_balance', 'travel']);
    const emergency = rankCandidates(candidates, visit({ priority: 'emergency', slaDueAt: AT_8 + 120 * MIN }), rules);
    expect(ids(emergency)).toEqual(['soon', 'late']);
    expect(emergency[0]!.reason).toContain('Can arrive by 08:20, the soonest, within the SLA');
    expect(emergency[1]!.reason).toContain('Arrives 10:30, after the SLA due time (10:00)');
    expect(ids(rankCandidates(candidates, visit({ priority: 'normal', slaDueAt: AT_8 + 120 * MIN }), rules))).toEqual(['late', 'soon']);
  });

  it('the order of the rules decides between technicians each rule prefers differently', () => {
    const candidates = [tech('preferred', { visitsThatDay: 3 }), tech('idle', { visitsThatDay: 1 })];
    const v = visit({ preferredTechnicianId: 'preferred' });
    expect(ids(rankCandidates(candidates, v, only(['preferred_technician', 'load_balance'])))[0]).toBe('preferred');
    expect(ids(rankCandidates(candidates, v, only(['load_balance', 'preferred_technician'])))[0]).toBe('idle');
  });

  it('a higher weight beats a higher place', () => {
    const candidates = [tech('preferred', { visitsThatDay: 3 }), tech('idle', { visitsThatDay: 1 })];
    const v = visit({ preferredTechnicianId: 'preferred' });
    expect(ids(rankCandidates(candidates, v, only(['preferred_technician', 'load_balance'], { preferred_technician: { weight: 2 }, load_balance: { weight: 9 } })))[0]).toBe('idle');
  });

  it('reasons list every rule in order, joined with middots', () => {
    const candidates = [tech('a', { territories: [{ name: 'North', postalCodes: ['787*'], polygon: null }], visitsThatDay: 2 }), tech('b', { visitsThatDay: 4 })];
    const ranked = rankCandidates(candidates, visit({ preferredTechnicianId: 'a' }), only(['skills', 'territory', 'load_balance', 'preferred_technician']));
    expect(ranked[0]!.reason).toBe("Has the gas-safe skill · covers 787* · 2 visits that day, the fewest · the customer's preferred technician");
    expect(ranked[0]!.score).toBe(100);
    expect(ranked[1]!.score).toBe(0);
  });

  it('technicians who cannot fit the window come last, said why; equal ones are settled by driving, then id', () => {
    const ranked = rankCandidates([tech('busy', { fit: null }), tech('z', { fit: { plannedArrival: AT_8, addedTravelSeconds: 300 } }), tech('y', { fit: { plannedArrival: AT_8, addedTravelSeconds: 300 } }), tech('x', { fit: { plannedArrival: AT_8, addedTravelSeconds: 900 } })], visit(), only(['skills', 'load_balance']));
    expect(ranked.map((r) => r.technicianId)).toEqual(['y', 'z', 'x', 'busy']);
    expect(ranked[3]).toMatchObject({ eligible: false, excludedBy: 'unavailable', plannedArrival: null });
    expect(ranked[3]!.reason).toMatch(/^Has no room for this visit/);
  });

  it('completes a stored list: unknown keys dropped, duplicates ignored, missing rules appended with their defaults', () => {
    const rules = completeRules([{ key: 'travel', enabled: false, weight: 1 }, { key: 'travel', enabled: true, weight: 9 }, { key: 'nope' as RuleKey, enabled: true, weight: 1 }]);
    expect(rules.map((r) => r.key)).toEqual(['travel', 'skills', 'territory', 'priority_sla', 'preferred_technician', 'load_balance']);
    expect(rules[0]).toMatchObject({ enabled: false, weight: 1 });
  });
});

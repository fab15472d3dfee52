import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DISPATCH_RULES, type AssignmentRule, type RuleKey } from '../../src/server/modules/dispatch/assignment-rules.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, PASSWORD, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';

/**
 * America/Chicago is UTC−6 in January; the test clock says Tue 13 Jan 2026 09:00Z (03:00 local).
 * Alex and Sam hold the gas-safe skill and serve the North territory (627*), Casey holds it but
 * serves the South (628*), Drew serves the North without the skill.
 */
const TUE_8 = '2026-01-13T14:00:00.000Z';
const WED_8 = '2026-01-14T14:00:00.000Z';
const THU_8 = '2026-01-15T14:00:00.000Z';
const FRI_8 = '2026-01-16T14:00:00.000Z';
const at = (iso: string, hours: number) => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

describe('dispatch rules: ranking with reasons, auto-assignment, overrides', () => {
  let t: TestApp;
  let w: World;
  let b: World;
  let gasId: string;
  let casey: string;
  let drew: string;
  const admin = () => ({ cookie: w.admin.cookie });
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });
  const household = () => ({ cookie: w.household.contact.cookie });

  const rulesOf = (keys: RuleKey[], extra: Partial<Record<RuleKey, Partial<AssignmentRule>>> = {}) => {
    const byKey = new Map(DEFAULT_DISPATCH_RULES.rules.map((r) => [r.key, r]));
    return keys.map((key) => ({ ...byKey.get(key)!, ...extra[key] }));
  };
  const saveRules = (body: object, caller = admin()) => call(t.app, 'PUT', '/api/dispatch/rules', { ...caller, body });
  const officeJob = async (locationId: string, priority = 'normal', customerId = w.organisation.customerId) => {
    const answer = await call(t.app, 'POST', '/api/jobs', { ...dispatcher(), body: { customerId, locationId, categoryId: gasId, priority, description: 'Boiler pressure keeps dropping' } });
    expect(answer.status).toBe(201);
    return answer.body.id as string;
  };
  /** A visit placed by hand, so a technician's day has load. */
  const visitFor = async (technicianId: string, windowStart: string, hours = 2, locationId = w.organisation.locationIds[0]!, customerId = w.organisation.customerId) => {
    const jobId = await officeJob(locationId, 'normal', customerId);
    const answer = await call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { ...dispatcher(), body: { technicianId, windowStart, windowEnd: at(windowStart, hours), allowOverlap: true } });
    expect(answer.status).toBe(200);
    return jobId;
  };
  const suggestions = (jobId: string, query = '', caller = dispatcher()) => call(t.app, 'GET', `/api/jobs/${jobId}/assignment-suggestions${query}`, caller);
  const book = (windowStart: string, extra: object = {}) =>
    call(t.app, 'POST', '/api/portal/requests', {
      ...household(),
      body: { categoryId: gasId, description: 'The boiler shows an F28 error.', priority: 'normal', slaAcknowledged: true, location: { locationId: w.household.locationId }, booking: { windowStart }, ...extra },
    });
  const technicianOf = async (jobId: string) => (await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher())).body.appointment?.technician?.name as string | undefined;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    b = await createWorld(t, 'bravo');
    const { accounts, categories } = t.app.services;
    gasId = (await categories.create(w.companyId, { name: 'Gas boiler repair', defaultDurationMinutes: 60, requiredSkills: ['gas-safe'], slaMinutes: { emergency: 360, high: 1440, normal: 4320, low: 10080 } })).id;
    casey = (await accounts.createUser(w.companyId, { email: 'casey@acme-dispatch.test', name: 'Casey South', role: 'technician', password: PASSWORD })).id;
    drew = (await accounts.createUser(w.companyId, { email: 'drew@acme-dispatch.test', name: 'Drew Apprentice', role: 'technician', password: PASSWORD })).id;
    for (const [id, skills] of [
      [w.technician.id, ['gas-safe']],
      [w.otherTechnician.id, ['gas-safe']],
      [casey, ['gas-safe']],
      [drew, []],
    ] as const) {
      expect((await call(t.app, 'PATCH', `/api/technicians/${id}/profile`, { ...dispatcher(), body: { skills } })).status).toBe(200);
    }
    const territories = await call(t.app, 'PUT', '/api/territories', { ...admin(), body: { items: [{ name: 'North', postalCodes: ['627*'] }, { name: 'South', postalCodes: ['628*'] }] } });
    expect(territories.status).toBe(200);
    const idOf = (name: string) => territories.body.items.find((x: { name: string }) => x.name === name).id as string;
    for (const [id, territory] of [
      [w.technician.id, 'North'],
      [w.otherTechnician.id, 'North'],
      [casey, 'South'],
      [drew, 'North'],
    ] as const) {
      expect((await call(t.app, 'PUT', `/api/technicians/${id}/territories`, { ...dispatcher(), body: { territoryIds: [idOf(territory)] } })).status).toBe(200);
    }
  });
  afterAll(() => t.close());

  it('an admin sets the rules; dispatchers read them; each company has its own; bad input names the field', async () => {
    const defaults = await call(t.app, 'GET', '/api/dispatch/rules', dispatcher());
    expect(defaults.status).toBe(200);
    expect(defaults.body).toMatchObject({ autoAssignNewRequests: false, autoAssignBookings: true, updatedAt: null });
    expect(defaults.body.rules.map((r: { key: string }) => r.key)).toEqual(['skills', 'territory', 'priority_sla', 'preferred_technician', 'load_balance', 'travel']);

    const body = { autoAssignNewRequests: false, autoAssignBookings: true, rules: rulesOf(['skills', 'territory', 'load_balance', 'travel', 'preferred_technician', 'priority_sla']) };
    expect((await saveRules(body, dispatcher())).status).toBe(403);

    const problems: [object, string][] = [
      [{ ...body, rules: [body.rules[0], body.rules[0], ...body.rules.slice(1)] }, 'rules[1].key'],
      [{ ...body, rules: [{ ...body.rules[0], weight: 11 }, ...body.rules.slice(1)] }, 'rules[0].weight'],
      [{ ...body, rules: body.rules.slice(1) }, 'rules'],
      [{ ...body, rules: [{ ...body.rules[0], mode: 'prefer' }, ...body.rules.slice(1)] }, 'rules[0].mode'],
      [{ ...body, autoAssignBookings: 'yes' }, 'autoAssignBookings'],
    ];
    for (const [wrong, field] of problems) {
      const answer = await saveRules(wrong);
      expect(answer.status, field).toBe(400);
      expect(answer.body.error.details.fields[0].field).toBe(field);
    }

    const saved = await saveRules(body);
    expect(saved.status).toBe(200);
    expect(saved.body.rules.map((r: { key: string }) => r.key)).toEqual(['skills', 'territory', 'load_balance', 'travel', 'preferred_technician', 'priority_sla']);
    expect(saved.body.updatedBy).toBe('Ada Admin');
    expect((await call(t.app, 'GET', '/api/dispatch/rules', dispatcher())).body.rules[2].key).toBe('load_balance');
    // Another company still has the defaults.
    expect((await call(t.app, 'GET', '/api/dispatch/rules', { cookie: b.admin.cookie })).body.rules[2].key).toBe('priority_sla');
  });

  it('a booking goes to the least-loaded qualified technician in the territory, and the visit says why', async () => {
    // Wednesday: Alex has two visits, Sam one, Casey (South) and Drew (no gas-safe) none.
    await visitFor(w.technician.id, at(WED_8, 4));
    await visitFor(w.technician.id, at(WED_8, 6));
    await visitFor(w.otherTechnician.id, at(WED_8, 4));

    const booked = await book(WED_8);
    expect(booked.status).toBe(201);
    const jobId: string = booked.body.job.id;
    expect(await technicianOf(jobId)).toBe('Sam Wrench');

    const answer = await suggestions(jobId);
    expect(answer.status).toBe(200);
    expect(answer.body.window).toEqual({ start: WED_8, end: at(WED_8, 2), source: 'current' });
    expect(answer.body.current).toMatchObject({ technician: { name: 'Sam Wrench' }, method: 'auto', assignedBy: null });
    expect(answer.body.current.reason).toMatch(/^Has the gas-safe skill · covers 627\* · 1 visit that day, the fewest/);
    const byName = (name: string) => answer.body.candidates.find((c: { name: string }) => c.name === name);
    expect(answer.body.candidates[0].name).toBe('Sam Wrench');
    expect(byName('Alex Fixer')).toMatchObject({ eligible: true, excludedBy: null });
    expect(byName('Alex Fixer').reason).toContain('2 visits that day');
    expect(byName('Casey South')).toMatchObject({ eligible: false, excludedBy: 'territory' });
    expect(byName('Drew Apprentice')).toMatchObject({ eligible: false, excludedBy: 'skills' });
    expect(byName('Drew Apprentice').reason).toContain('Lacks the gas-safe skill');

    const job = (await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher())).body;
    const scheduled = job.timeline.find((e: { type: string }) => e.type === 'job.scheduled');
    expect(scheduled.data.assignment).toEqual({ method: 'auto', reason: answer.body.current.reason });

    // Moving the visit to another technician by hand overrides the rules too.
    const moved = await call(t.app, 'POST', `/api/jobs/${jobId}/reschedule`, { ...dispatcher(), body: { windowStart: at(WED_8, 2), windowEnd: at(WED_8, 4), technicianId: w.technician.id, allowOverlap: true } });
    expect(moved.status).toBe(200);
    expect(moved.body.timeline.find((e: { type: string }) => e.type === 'job.assignment_overridden').data).toMatchObject({ technicianName: 'Alex Fixer', previousMethod: 'auto' });
    expect((await suggestions(jobId)).body.current).toMatchObject({ method: 'manual', assignedBy: { name: 'Dana Dispatcher' } });
  });

  it("the customer's preferred technician wins when free; when they are off, the rules choose someone else", async () => {
    expect((await saveRules({ ...DEFAULT_DISPATCH_RULES })).status).toBe(200);
    const set = await call(t.app, 'PUT', `/api/customers/${w.household.customerId}/preferred-technician`, { ...dispatcher(), body: { technicianId: w.technician.id } });
    expect(set.status).toBe(200);
    expect(set.body.technician).toEqual({ id: w.technician.id, name: 'Alex Fixer' });
    expect((await call(t.app, 'GET', `/api/customers/${w.household.customerId}/preferred-technician`, dispatcher())).body.technician.name).toBe('Alex Fixer');

    // Thursday Alex already has a visit (at the same address, so no extra driving) and Sam none: the lighter day alone would pick Sam.
    await visitFor(w.technician.id, at(THU_8, 6), 2, w.household.locationId, w.household.customerId);
    const preferred = await book(THU_8);
    expect(preferred.status).toBe(201);
    expect(await technicianOf(preferred.body.job.id)).toBe('Alex Fixer');
    expect((await suggestions(preferred.body.job.id)).body.current.reason).toContain("the customer's preferred technician");

    // Friday Alex is off.
    expect((await call(t.app, 'POST', `/api/technicians/${w.technician.id}/time-off`, { ...dispatcher(), body: { start: at(FRI_8, -8), end: at(FRI_8, 12) } })).status).toBe(201);
    const off = await book(FRI_8);
    expect(off.status).toBe(201);
    expect(await technicianOf(off.body.job.id)).toBe('Sam Wrench');
    const ranked = (await suggestions(off.body.job.id)).body.candidates;
    expect(ranked.find((c: { name: string }) => c.name === 'Alex Fixer')).toMatchObject({ eligible: false, excludedBy: 'unavailable' });

    expect((await call(t.app, 'PUT', `/api/customers/${w.household.customerId}/preferred-technician`, { ...dispatcher(), body: { technicianId: null } })).body.technician).toBeNull();
  });

  it('an emergency goes to whoever can arrive soonest within the SLA, even against the lighter day', async () => {
    // Load balance first and heaviest, the SLA rule last and light: the SLA still decides for an emergency.
    expect((await saveRules({ ...DEFAULT_DISPATCH_RULES, rules: rulesOf(['skills', 'territory', 'load_balance', 'preferred_technician', 'travel', 'priority_sla'], { load_balance: { weight: 10 }, priority_sla: { weight: 1 } }) })).status).toBe(200);
    // Tuesday: Alex is at Site A from 08:00 (an hour's work, then half an hour's drive); Sam has three afternoon visits.
    await visitFor(w.technician.id, TUE_8, 0.5);
    for (const hours of [5, 6, 7]) await visitFor(w.otherTechnician.id, at(TUE_8, hours), 1, w.organisation.locationIds[1]!);
    // Created at 09:00Z with a 6-hour emergency SLA: due 15:00Z, 09:00 in Chicago.
    const jobId = await officeJob(w.household.locationId, 'emergency', w.household.customerId);

    const answer = await suggestions(jobId);
    expect(answer.status).toBe(200);
    expect(answer.body.window).toEqual({ start: TUE_8, end: at(TUE_8, 2), source: 'first_available' });
    expect(answer.body.candidates[0].name).toBe('Sam Wrench');
    expect(answer.body.candidates[0].reason).toContain('can arrive by 08:00, the soonest, within the SLA');
    const alex = answer.body.candidates.find((c: { name: string }) => c.name === 'Alex Fixer');
    expect(alex.eligible).toBe(true);
    expect(alex.reason).toContain('arrives 09:45, after the SLA due time (09:00)');

    const assigned = await call(t.app, 'POST', `/api/jobs/${jobId}/auto-assign`, { ...dispatcher(), body: {} });
    expect(assigned.status).toBe(200);
    expect(assigned.body.status).toBe('scheduled');
    expect(assigned.body.appointment).toMatchObject({ windowStart: TUE_8, technician: { name: 'Sam Wrench' } });
    expect((await call(t.app, 'POST', `/api/jobs/${jobId}/auto-assign`, { ...dispatcher(), body: {} })).body.error.code).toBe('ALREADY_SCHEDULED');

    // The dispatcher overrides: the timeline keeps what the rules had decided, the visit who decided now.
    const reassigned = await call(t.app, 'POST', `/api/jobs/${jobId}/reassign`, { ...dispatcher(), body: { technicianId: w.technician.id, allowOverlap: true } });
    expect(reassigned.status).toBe(200);
    const override = reassigned.body.timeline.find((e: { type: string }) => e.type === 'job.assignment_overridden');
    expect(override).toMatchObject({ visibility: 'staff', actor: { name: 'Dana Dispatcher' }, data: { technicianName: 'Alex Fixer', previousMethod: 'auto' } });
    expect(override.data.previousReason).toContain('the soonest');
    const after = await suggestions(jobId);
    expect(after.body.current).toMatchObject({ technician: { name: 'Alex Fixer' }, method: 'manual', reason: null, assignedBy: { id: w.dispatcher.id, name: 'Dana Dispatcher' } });
    // The customer sees the new technician, not the override.
    const portal = await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, household());
    expect(portal.body.timeline.map((e: { type: string }) => e.type)).not.toContain('job.assignment_overridden');
  });

  it('new requests are auto-assigned when the admin switches it on: inside the preferred window, by the rules', async () => {
    expect((await saveRules({ ...DEFAULT_DISPATCH_RULES, autoAssignNewRequests: true })).status).toBe(200);
    const friday10 = at(FRI_8, 2);
    const filed = await call(t.app, 'POST', '/api/portal/requests', {
      ...household(),
      body: { categoryId: gasId, description: 'No hot water since this morning.', priority: 'normal', slaAcknowledged: true, location: { locationId: w.household.locationId }, preferredWindows: [{ start: friday10, end: at(friday10, 2) }] },
    });
    expect(filed.status).toBe(201);
    const job = (await call(t.app, 'GET', `/api/jobs/${filed.body.job.id}`, dispatcher())).body;
    expect(job.status).toBe('scheduled');
    // Alex is off on Friday; Sam already has the morning's earlier booking but is the one who can come.
    expect(job.appointment).toMatchObject({ windowStart: friday10, technician: { name: 'Sam Wrench' } });
    const scheduled = job.timeline.find((e: { type: string }) => e.type === 'job.scheduled');
    expect(scheduled.actor.name).toBe('Dispatch rules');
    expect(scheduled.data.assignment.method).toBe('auto');
    expect((await saveRules({ ...DEFAULT_DISPATCH_RULES })).status).toBe(200);
  });

  it('with automatic assignment off for bookings, the booking takes who adds the least driving and says so', async () => {
    expect((await saveRules({ ...DEFAULT_DISPATCH_RULES, autoAssignBookings: false })).status).toBe(200);
    const booked = await book(at(THU_8, 2));
    expect(booked.status).toBe(201);
    expect((await suggestions(booked.body.job.id)).body.current).toMatchObject({ method: 'auto', reason: 'Fits the window with the least added driving' });
    expect((await saveRules({ ...DEFAULT_DISPATCH_RULES })).status).toBe(200);
  });

  it('asks for both ends of a window and names the field; another company’s job, customer or technician is not found', async () => {
    const jobId = await officeJob(w.household.locationId, 'normal', w.household.customerId);
    const half = await call(t.app, 'POST', `/api/jobs/${jobId}/auto-assign`, { ...dispatcher(), body: { windowStart: FRI_8 } });
    expect(half.status).toBe(400);
    expect(half.body.error.details.fields[0].field).toBe('windowEnd');
    const backwards = await suggestions(jobId, `?windowStart=${encodeURIComponent(FRI_8)}&windowEnd=${encodeURIComponent(at(FRI_8, -1))}`);
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details.fields[0].field).toBe('windowEnd');
    const proposed = await suggestions(jobId, `?windowStart=${encodeURIComponent(at(WED_8, 2))}&windowEnd=${encodeURIComponent(at(WED_8, 4))}`);
    expect(proposed.body.window.source).toBe('proposed');
    expect(proposed.body.candidates.length).toBe(4);

    const stranger = { cookie: b.dispatcher.cookie };
    expect((await suggestions(jobId, '', stranger)).status).toBe(404);
    expect((await call(t.app, 'POST', `/api/jobs/${jobId}/auto-assign`, { ...stranger, body: {} })).status).toBe(404);
    expect((await call(t.app, 'GET', `/api/customers/${w.household.customerId}/preferred-technician`, stranger)).status).toBe(404);
    expect((await call(t.app, 'PUT', `/api/customers/${w.household.customerId}/preferred-technician`, { ...stranger, body: { technicianId: null } })).status).toBe(404);
    const foreign = await call(t.app, 'PUT', `/api/customers/${w.household.customerId}/preferred-technician`, { ...dispatcher(), body: { technicianId: b.technician.id } });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.fields[0].field).toBe('technicianId');
    // Still unassigned: nothing was half-done by the failed calls.
    expect((await call(t.app, 'GET', `/api/jobs/${jobId}`, dispatcher())).body.status).toBe('created');
  });
});

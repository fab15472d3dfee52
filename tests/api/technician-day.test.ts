import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, WINDOWS, type World } from '../helpers/world.js';
import { call, TINY_PNG, upload } from '../helpers/http.js';

/** What the technician view reads: one visit, the job's contacts, the customer's notes with photos, earlier visits' notes. */
describe('the technician’s day and visit', () => {
  let t: TestApp;
  let w: World;
  let jobId: string;
  let visitId: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
    const created = await call(t.app, 'POST', '/api/jobs', {
      cookie: w.dispatcher.cookie,
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Radiator cold upstairs' },
    });
    jobId = created.body.id;
    const scheduled = await call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    visitId = scheduled.body.visits[0].id;
    const photo = await upload(t.app, '/api/portal/uploads', { cookie: w.household.contact.cookie }, TINY_PNG, 'radiator.png');
    const note = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/notes`, { cookie: w.household.contact.cookie, body: { text: 'The valve is behind the sofa.', attachmentIds: [photo.body.id] } });
    expect(note.status).toBe(201);
  });
  afterAll(() => t.close());

  it('lists the job’s contacts with phone numbers and the customer’s notes with their photos', async () => {
    const day = await call(t.app, 'GET', '/api/technician/appointments?date=2026-01-14', { cookie: w.technician.cookie });
    expect(day.status).toBe(200);
    const visit = day.body.items.find((a: { id: string }) => a.id === visitId);
    expect(visit.contacts).toEqual([{ name: 'Ana García', phone: '+1 555 0101' }]);
    expect(visit.customerNotes).toEqual([
      expect.objectContaining({ author: 'Ana García', text: 'The valve is behind the sofa.', attachmentCount: 1, attachments: [expect.objectContaining({ fileName: 'radiator.png', contentType: 'image/png' })] }),
    ]);
    expect(visit.visitNotes).toEqual([]);

    // The photo the list names can be fetched by the technician.
    const file = await call(t.app, 'GET', `/api/jobs/${jobId}/attachments/${visit.customerNotes[0].attachments[0].id}`, { cookie: w.technician.cookie });
    expect(file.status).toBe(200);
  });

  it('answers one visit by id, to its technician only', async () => {
    const mine = await call(t.app, 'GET', `/api/technician/appointments/${visitId}`, { cookie: w.technician.cookie });
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({ id: visitId, jobId, status: 'scheduled', customerName: 'García household', availableActions: expect.arrayContaining(['set_out']) });

    const theirs = await call(t.app, 'GET', `/api/technician/appointments/${visitId}`, { cookie: w.otherTechnician.cookie });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('APPOINTMENT_NOT_FOUND');
    expect((await call(t.app, 'GET', `/api/technician/appointments/${visitId}`, { cookie: w.dispatcher.cookie })).status).toBe(403);
    expect((await call(t.app, 'GET', `/api/technician/appointments/${visitId}`)).status).toBe(401);
    expect((await call(t.app, 'GET', '/api/technician/appointments/not-an-id', { cookie: w.technician.cookie })).status).toBeGreaterThanOrEqual(400);
  });

  it('another company’s technician cannot read the visit', async () => {
    const other = await createWorld(t, 'rival');
    const answer = await call(t.app, 'GET', `/api/technician/appointments/${visitId}`, { cookie: other.technician.cookie });
    expect(answer.status).toBe(404);
  });

  it('carries the pause message of visit 1 to the follow-up visit, and the step answers show it', async () => {
    const technician = { cookie: w.technician.cookie };
    t.clock.set('2026-01-14T14:05:00.000Z');
    await call(t.app, 'POST', `/api/technician/appointments/${visitId}/on-my-way`, technician);
    await call(t.app, 'POST', `/api/technician/appointments/${visitId}/start`, technician);
    const paused = await call(t.app, 'POST', `/api/technician/appointments/${visitId}/pause`, { ...technician, body: { message: 'Waiting for a new valve, back Friday.' } });
    expect(paused.status).toBe(200);
    expect(paused.body.visitNotes).toEqual([expect.objectContaining({ visitNumber: 1, kind: 'paused', text: 'Waiting for a new valve, back Friday.', author: 'Alex Fixer', attachments: [] })]);

    const followUp = await call(t.app, 'POST', `/api/jobs/${jobId}/reschedule`, { cookie: w.dispatcher.cookie, body: { ...WINDOWS.friday } });
    const secondId = followUp.body.visits[1].id;
    const second = await call(t.app, 'GET', `/api/technician/appointments/${secondId}`, technician);
    expect(second.body).toMatchObject({ visitNumber: 2, status: 'scheduled', visitNotes: [expect.objectContaining({ visitNumber: 1, kind: 'paused' })] });
    // The interrupted first visit is no longer on the technician's list.
    expect((await call(t.app, 'GET', `/api/technician/appointments/${visitId}`, technician)).status).toBe(404);

    t.clock.set('2026-01-16T15:05:00.000Z');
    await call(t.app, 'POST', `/api/technician/appointments/${secondId}/on-my-way`, technician);
    await call(t.app, 'POST', `/api/technician/appointments/${secondId}/start`, technician);
    const photo = await upload(t.app, '/api/uploads', technician, TINY_PNG, 'fixed.png');
    const done = await call(t.app, 'POST', `/api/technician/appointments/${secondId}/complete`, { ...technician, body: { notes: 'New valve fitted.', attachmentIds: [photo.body.id] } });
    expect(done.status).toBe(200);
    expect(done.body.visitNotes.at(-1)).toMatchObject({ visitNumber: 2, kind: 'completed', text: 'New valve fitted.', attachments: [expect.objectContaining({ id: photo.body.id })] });
  });

  it('shows the photos a customer sent with the request itself (its description is the job’s own)', async () => {
    const photo = await upload(t.app, '/api/portal/uploads', { cookie: w.household.contact.cookie }, TINY_PNG, 'boiler.png');
    const requested = await call(t.app, 'POST', '/api/portal/requests', {
      cookie: w.household.contact.cookie,
      body: { categoryId: w.categoryId, description: 'Boiler shows E119', priority: 'normal', slaAcknowledged: true, location: { locationId: w.household.locationId }, attachmentIds: [photo.body.id] },
    });
    expect(requested.status).toBe(201);
    const requestJobId = requested.body.job.id;
    const scheduled = await call(t.app, 'POST', `/api/jobs/${requestJobId}/schedule`, { cookie: w.dispatcher.cookie, body: { technicianId: w.technician.id, ...WINDOWS.friday } });
    const visit = await call(t.app, 'GET', `/api/technician/appointments/${scheduled.body.visits[0].id}`, { cookie: w.technician.cookie });
    expect(visit.body.customerNotes).toEqual([expect.objectContaining({ author: 'Ana García', text: '', attachments: [expect.objectContaining({ id: photo.body.id, fileName: 'boiler.png' })] })]);
  });
});

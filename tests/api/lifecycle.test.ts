import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, WINDOWS, type World } from '../helpers/world.js';
import { call, TINY_PNG, upload } from '../helpers/http.js';

describe('the job’s life, from request to completion, through the API', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  const timelineTypes = (job: { timeline: { type: string }[] }) => job.timeline.map((e) => e.type);

  it('request → schedule → en route → start → pause → reschedule → complete, with the timeline at each step', async () => {
    const customer = { cookie: w.household.contact.cookie };
    const dispatcher = { cookie: w.dispatcher.cookie };
    const technician = { cookie: w.technician.cookie };

    // The customer attaches a photo and files a request.
    const photo = await upload(t.app, '/api/portal/uploads', customer, TINY_PNG, 'boiler.png');
    expect(photo.status).toBe(201);
    expect(photo.body.contentType).toBe('image/png');
    const request = await call(t.app, 'POST', '/api/portal/requests', {
      ...customer,
      body: {
        categoryId: w.categoryId,
        description: 'The boiler shows E119 and there is no hot water.',
        priority: 'high',
        slaAcknowledged: true,
        location: { locationId: w.household.locationId },
        preferredWindows: [{ start: '2026-01-14T14:00:00.000Z', end: '2026-01-14T18:00:00.000Z' }],
        attachmentIds: [photo.body.id],
      },
    });
    expect(request.status).toBe(201);
    expect(request.body.job.reference).toMatch(/^ARV-26-\d{5}$/);
    expect(request.body.sla).toEqual({ priority: 'high', minutes: 24 * 60, dueAt: '2026-01-14T09:00:00.000Z' });
    expect(request.body.nextSteps.length).toBeGreaterThan(1);
    const jobId: string = request.body.job.id;

    let view = await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, customer);
    expect(view.status).toBe(200);
    expect(view.body.status).toBe('created');
    expect(timelineTypes(view.body)).toEqual(['job.created']);
    expect(view.body.timeline[0].attachments).toHaveLength(1);

    // The dispatcher sees it, unassigned, and schedules it.
    const board = await call(t.app, 'GET', '/api/jobs?status=created', dispatcher);
    expect(board.body.items.map((j: { id: string }) => j.id)).toContain(jobId);
    expect(board.body.items.find((j: { id: string }) => j.id === jobId).unassigned).toBe(true);

    const scheduled = await call(t.app, 'POST', `/api/jobs/${jobId}/schedule`, { ...dispatcher, body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    expect(scheduled.status).toBe(200);
    expect(scheduled.body.status).toBe('scheduled');
    expect(scheduled.body.appointment).toMatchObject({ ...WINDOWS.tomorrowMorning, visitNumber: 1, technician: { id: w.technician.id, name: 'Alex Fixer' } });

    view = await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, customer);
    expect(view.body.technician).toEqual({ name: 'Alex Fixer', photoUrl: null, bio: null });
    expect(view.body.appointment).toMatchObject({ windowStart: WINDOWS.tomorrowMorning.windowStart, status: 'scheduled' });
    expect(timelineTypes(view.body)).toEqual(['job.created', 'job.scheduled']);

    // The technician's day shows the visit; they go, start, pause.
    t.clock.set('2026-01-14T13:30:00.000Z');
    const day = await call(t.app, 'GET', '/api/technician/appointments?date=2026-01-14', technician);
    expect(day.status).toBe(200);
    const appointment = day.body.items.find((a: { jobId: string }) => a.jobId === jobId);
    expect(appointment).toMatchObject({ address: '12 Elm Street, Springfield 62701', availableActions: expect.arrayContaining(['set_out']) });

    const onMyWay = await call(t.app, 'POST', `/api/technician/appointments/${appointment.id}/on-my-way`, technician);
    expect(onMyWay.status).toBe(200);
    expect(onMyWay.body.jobStatus).toBe('en_route');

    t.clock.set('2026-01-14T14:10:00.000Z');
    expect((await call(t.app, 'POST', `/api/technician/appointments/${appointment.id}/start`, technician)).body.jobStatus).toBe('in_progress');
    const paused = await call(t.app, 'POST', `/api/technician/appointments/${appointment.id}/pause`, { ...technician, body: { message: 'Waiting for a new pump; we will book a follow-up.' } });
    expect(paused.body.jobStatus).toBe('paused');

    view = await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, customer);
    expect(view.body.status).toBe('paused');
    expect(view.body.timeline.at(-1)).toMatchObject({ type: 'job.paused', data: { message: 'Waiting for a new pump; we will book a follow-up.' } });

    // The dispatcher books the follow-up visit; the technician completes it with a photo.
    const followUp = await call(t.app, 'POST', `/api/jobs/${jobId}/reschedule`, { ...dispatcher, body: { ...WINDOWS.friday, reason: 'Part arrives Thursday' } });
    expect(followUp.status).toBe(200);
    expect(followUp.body.status).toBe('rescheduled');
    expect(followUp.body.visits.map((v: { status: string }) => v.status)).toEqual(['interrupted', 'scheduled']);
    const secondVisitId = followUp.body.visits[1].id;

    t.clock.set('2026-01-16T15:05:00.000Z');
    await call(t.app, 'POST', `/api/technician/appointments/${secondVisitId}/on-my-way`, technician);
    await call(t.app, 'POST', `/api/technician/appointments/${secondVisitId}/start`, technician);
    const donePhoto = await upload(t.app, '/api/uploads', technician, TINY_PNG, 'after.png');
    const completed = await call(t.app, 'POST', `/api/technician/appointments/${secondVisitId}/complete`, { ...technician, body: { notes: 'Replaced the pump; tested.', attachmentIds: [donePhoto.body.id] } });
    expect(completed.status).toBe(200);
    expect(completed.body.jobStatus).toBe('completed');

    view = await call(t.app, 'GET', `/api/portal/jobs/${jobId}`, customer);
    expect(view.body.status).toBe('completed');
    expect(view.body.canAddNote).toBe(false);
    expect(timelineTypes(view.body)).toEqual([
      'job.created',
      'job.scheduled',
      'job.en_route',
      'job.started',
      'job.paused',
      'job.rescheduled',
      'job.en_route',
      'job.started',
      'job.completed',
    ]);
    const completion = view.body.timeline.at(-1);
    expect(completion.data.notes).toBe('Replaced the pump; tested.');
    expect(completion.attachments).toHaveLength(1);
    const file = await call(t.app, 'GET', `/api/portal/jobs/${jobId}/attachments/${completion.attachments[0].id}`, customer);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    // Every step has its time.
    expect(view.body.timeline.map((e: { at: string }) => e.at)).toEqual([...view.body.timeline.map((e: { at: string }) => e.at)].sort());
  });

  it('a customer note before the visit reaches every dispatcher as an in-app notification', async () => {
    const created = await call(t.app, 'POST', '/api/portal/requests', {
      cookie: w.household.contact.cookie,
      body: { categoryId: w.categoryId, description: 'Radiator is cold', priority: 'normal', slaAcknowledged: true, location: { locationId: w.household.locationId } },
    });
    const jobId = created.body.job.id;
    const photo = await upload(t.app, `/api/portal/jobs/${jobId}/uploads`, { cookie: w.household.contact.cookie }, TINY_PNG, 'radiator.png');
    const note = await call(t.app, 'POST', `/api/portal/jobs/${jobId}/notes`, { cookie: w.household.contact.cookie, body: { text: 'The gate code is 4321.', attachmentIds: [photo.body.id] } });
    expect(note.status).toBe(201);
    expect(note.body.timeline.at(-1)).toMatchObject({ type: 'job.note_added', actor: { kind: 'contact', name: 'Ana García' }, data: { text: 'The gate code is 4321.' } });

    const bell = await call(t.app, 'GET', '/api/notifications?unread=true', { cookie: w.dispatcher.cookie });
    const mine = bell.body.items.find((n: { jobId: string }) => n.jobId === jobId);
    expect(mine).toMatchObject({ type: 'customer_note', title: expect.stringContaining(created.body.job.reference), body: expect.stringContaining('gate code') });
    expect(bell.body.unreadCount).toBeGreaterThan(0);

    const read = await call(t.app, 'POST', `/api/notifications/${mine.id}/read`, { cookie: w.dispatcher.cookie });
    expect(read.status).toBe(200);
    const after = await call(t.app, 'GET', '/api/notifications?unread=true', { cookie: w.dispatcher.cookie });
    expect(after.body.items.find((n: { id: string }) => n.id === mine.id)).toBeUndefined();
  });
});

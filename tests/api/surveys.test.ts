import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, jobLinkCookie, WINDOWS, type World } from '../helpers/world.js';
import { call } from '../helpers/http.js';
import { startMailInbox, type MailInbox } from '../helpers/mail-inbox.js';

describe('the satisfaction survey of a completed job', () => {
  let inbox: MailInbox;
  let t: TestApp;
  let w: World;
  let other: World;

  beforeAll(async () => {
    inbox = await startMailInbox();
    t = await createTestApp({ realMailer: true, isolatedDatabase: true, env: { SMTP_URL: inbox.url } });
    w = await createWorld(t);
    other = await createWorld(t, 'other');
  });
  afterAll(async () => {
    await t.close();
    await inbox.close();
  });

  const worker = () => t.app.services.notificationWorker;
  const dispatcher = () => ({ cookie: w.dispatcher.cookie });
  const customer = () => ({ cookie: w.household.contact.cookie });

  /** A household job, scheduled for tomorrow morning; `complete` runs the technician's visit to the end. */
  const newJob = async () => {
    t.clock.set('2026-01-13T09:00:00.000Z');
    const created = await call(t.app, 'POST', '/api/jobs', {
      ...dispatcher(),
      body: { customerId: w.household.customerId, locationId: w.household.locationId, categoryId: w.categoryId, priority: 'normal', description: 'Boiler service' },
    });
    const scheduled = await call(t.app, 'POST', `/api/jobs/${created.body.id}/schedule`, { ...dispatcher(), body: { technicianId: w.technician.id, ...WINDOWS.tomorrowMorning } });
    expect(scheduled.status).toBe(200);
    return { id: created.body.id as string, reference: created.body.reference as string, visitId: scheduled.body.visits[0].id as string };
  };
  const complete = async (job: { visitId: string }) => {
    t.clock.set('2026-01-14T13:40:00.000Z');
    for (const step of ['on-my-way', 'start', 'complete']) {
      const answer = await call(t.app, 'POST', `/api/technician/appointments/${job.visitId}/${step}`, { cookie: w.technician.cookie, ...(step === 'complete' ? { body: { notes: 'Serviced and tested.' } } : {}) });
      expect(answer.status, step).toBe(200);
    }
  };
  const answer = (jobId: string, body: object, caller = customer()) => call(t.app, 'PUT', `/api/portal/jobs/${jobId}/survey`, { ...caller, body });
  const lowRatingBells = async (jobId: string) =>
    (await call(t.app, 'GET', '/api/notifications', dispatcher())).body.items.filter((n: { jobId: string; type: string }) => n.jobId === jobId && n.type === 'survey_low_rating');

  it("opens only once the job is completed, from the completed mail's link, for a customer who is not signed in", async () => {
    const job = await newJob();
    expect((await call(t.app, 'GET', `/api/portal/jobs/${job.id}/survey`, customer())).body).toMatchObject({ state: 'unavailable', response: null, canEdit: false });
    const early = await answer(job.id, { rating: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('JOB_NOT_COMPLETED');

    await complete(job);
    await worker().drain();
    const mail = inbox.messages.find((m) => m.subject.includes(job.reference) && m.subject.includes('is done'));
    expect(mail).toBeDefined();
    // The survey link: the portal's survey link page, with a job link in the fragment (never sent to a server).
    const surveyLink = mail!.text.match(/http:\/\/arrivo\.test\/portal\/survey#link=(j_[A-Za-z0-9_-]+)/);
    expect(surveyLink).not.toBeNull();
    expect(mail!.html).toContain('/portal/survey#link=j_');
    // The recipient's own job link (the same one as the message's button), carried in the fragment.
    expect(mail!.text).toContain(`/j/${surveyLink![1]}`);
    // The pages are the portal's, served without signing in…
    for (const url of ['/portal/survey', `/portal/jobs/${job.id}/survey`]) {
      const page = await t.app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
    }
    // …and the token opens the survey's API, as the page does it: redeem (which names the job), then the job's cookie.
    const redeemed = await call(t.app, 'POST', '/api/portal/job-links/redeem', { body: { token: surveyLink![1] } });
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.jobId).toBe(job.id);
    const cookie = `arrivo_job=${surveyLink![1]}`;
    expect((await call(t.app, 'GET', `/api/portal/jobs/${job.id}/survey`, { cookie })).body).toMatchObject({ state: 'open', canEdit: true });
    const given = await answer(job.id, { rating: 5, comment: 'Quick and tidy.', wouldRecommend: true }, { cookie });
    expect(given.status).toBe(200);
    expect(given.body).toMatchObject({ state: 'answered', canEdit: true, editableUntil: '2026-01-21T13:40:00.000Z', response: { rating: 5, comment: 'Quick and tidy.', wouldRecommend: true, answeredBy: 'Ana García' } });
    // A good rating rings no bell.
    expect(await lowRatingBells(job.id)).toEqual([]);
  });

  it('keeps one answer per job, changeable for 7 days; a low rating notifies the dispatchers once', async () => {
    const job = await newJob();
    await complete(job);
    await worker().drain();
    const sent = inbox.messages.length;

    const low = await answer(job.id, { rating: 2, comment: 'Arrived two hours late and left a mess.' });
    expect(low.status).toBe(200);
    const bells = await lowRatingBells(job.id);
    expect(bells).toHaveLength(1);
    expect(bells[0].title).toBe(`Ana García (García household) rated ${job.reference} 2 out of 5`);
    expect(bells[0].body).toContain('Arrived two hours late');
    await worker().drain();
    const mail = inbox.messages.slice(sent).find((m) => m.subject.includes('rated'));
    expect(mail?.text).toContain('Arrived two hours late and left a mess.');

    // The same customer (signed in, or another contact) changes it: still one answer for the job.
    t.clock.set('2026-01-16T10:00:00.000Z');
    const changed = await answer(job.id, { rating: 1, comment: '', wouldRecommend: false });
    expect(changed.body.response).toMatchObject({ rating: 1, comment: null, wouldRecommend: false, answeredAt: '2026-01-14T13:40:00.000Z', updatedAt: '2026-01-16T10:00:00.000Z' });
    expect(await t.db.selectFrom('survey_responses').select('id').where('job_id', '=', job.id).execute()).toHaveLength(1);
    // Still low: no second bell for the same unhappy customer.
    expect(await lowRatingBells(job.id)).toHaveLength(1);
    await answer(job.id, { rating: 4 });
    await answer(job.id, { rating: 2 });
    expect(await lowRatingBells(job.id)).toHaveLength(2);

    // After 7 days the answer stands.
    t.clock.set('2026-01-21T13:41:00.000Z');
    // (A week on, the customer signs in again: sessions do not last that long.)
    const again = { cookie: `arrivo_session=${(await t.app.services.accounts.createSession(w.companyId, 'contact', w.household.contact.id)).token}` };
    const late = await answer(job.id, { rating: 5 }, again);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('SURVEY_CLOSED');
    expect((await call(t.app, 'GET', `/api/portal/jobs/${job.id}/survey`, again)).body).toMatchObject({ state: 'answered', canEdit: false, response: { rating: 2 } });

    // Staff see it on the job and on the feedback page, low ratings first.
    const office = { cookie: `arrivo_session=${(await t.app.services.accounts.createSession(w.companyId, 'user', w.dispatcher.id)).token}` };
    expect((await call(t.app, 'GET', `/api/jobs/${job.id}/survey`, office)).body).toMatchObject({ state: 'answered', response: { rating: 2 } });
    const feedback = await call(t.app, 'GET', '/api/surveys?sort=lowest', office);
    expect(feedback.status).toBe(200);
    expect(feedback.body.summary).toMatchObject({ count: 2, average: 3.5, distribution: { '1': 0, '2': 1, '3': 0, '4': 0, '5': 1 }, recommend: { yes: 1, no: 0 } });
    expect(feedback.body.items.map((i: { rating: number }) => i.rating)).toEqual([2, 5]);
    expect(feedback.body.items[0]).toMatchObject({ jobId: job.id, reference: job.reference, customerName: 'García household', technicianName: 'Alex Fixer' });
    const unhappy = await call(t.app, 'GET', '/api/surveys?maxRating=2', office);
    expect(unhappy.body.summary.count).toBe(1);
    expect(unhappy.body.items.map((i: { jobId: string }) => i.jobId)).toEqual([job.id]);
  });

  it('validates the answer, naming the field', async () => {
    const job = await newJob();
    await complete(job);
    for (const [body, field] of [
      [{}, 'rating'],
      [{ rating: 0 }, 'rating'],
      [{ rating: 6 }, 'rating'],
      [{ rating: 3.5 }, 'rating'],
      [{ rating: 3, comment: 'x'.repeat(2001) }, 'comment'],
      [{ rating: 3, wouldRecommend: 'maybe' }, 'wouldRecommend'],
    ] as const) {
      const refused = await answer(job.id, body);
      expect(refused.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(refused.body.error.details.fields[0].field).toBe(field);
    }
  });

  it("keeps each survey to its job's people: anyone else gets 404", async () => {
    const job = await newJob();
    await complete(job);
    const sibling = await newJob();
    const siblingLink = await jobLinkCookie(t, w, sibling.id, w.household.contact.id);
    for (const cookie of [w.organisation.member.cookie, w.organisation.admin.cookie, siblingLink.cookie, other.household.contact.cookie]) {
      expect((await call(t.app, 'GET', `/api/portal/jobs/${job.id}/survey`, { cookie })).status).toBe(404);
      expect((await answer(job.id, { rating: 1 }, { cookie })).status).toBe(404);
    }
    expect((await call(t.app, 'GET', `/api/jobs/${job.id}/survey`, { cookie: other.dispatcher.cookie })).status).toBe(404);
    await answer(job.id, { rating: 4 });
    expect((await call(t.app, 'GET', '/api/surveys', { cookie: other.dispatcher.cookie })).body.summary.count).toBe(0);
  });
});

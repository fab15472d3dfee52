import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';
import { call, TINY_PDF, TINY_PNG, upload } from '../helpers/http.js';

describe('uploads: photos and PDFs, checked by content', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await createTestApp({ env: { UPLOAD_MAX_BYTES: String(64 * 1024) } });
    w = await createWorld(t);
  });
  afterAll(() => t.close());

  const customer = () => ({ cookie: w.household.contact.cookie });
  const request = (attachmentIds: string[]) =>
    call(t.app, 'POST', '/api/portal/requests', {
      ...customer(),
      body: { categoryId: w.categoryId, description: 'Leak under the sink', priority: 'normal', slaAcknowledged: true, location: { locationId: w.household.locationId }, attachmentIds },
    });

  it('accepts a photo and a PDF, recognised by their bytes whatever their names', async () => {
    const png = await upload(t.app, '/api/portal/uploads', customer(), TINY_PNG, 'photo.txt');
    expect(png.status).toBe(201);
    expect(png.body).toMatchObject({ contentType: 'image/png', fileName: 'photo.png', sizeBytes: TINY_PNG.length });
    const pdf = await upload(t.app, '/api/portal/uploads', customer(), TINY_PDF, 'warranty.pdf');
    expect(pdf.status).toBe(201);
    expect(pdf.body.contentType).toBe('application/pdf');
  });

  it('refuses a file that is not a photo or PDF, even named .jpg (415)', async () => {
    const script = await upload(t.app, '/api/portal/uploads', customer(), Buffer.from('#!/bin/sh\nrm -rf /\n'), 'holiday.jpg');
    expect(script.status).toBe(415);
    expect(script.body.error.code).toBe('UNSUPPORTED_FILE_TYPE');
    const zip = await upload(t.app, '/api/portal/uploads', customer(), Buffer.from('504b0304140000000800', 'hex'), 'photo.png');
    expect(zip.status).toBe(415);
  });

  it('refuses a file over the size limit (413) and an empty one (400)', async () => {
    const big = Buffer.concat([TINY_PNG, Buffer.alloc(70 * 1024)]);
    const tooLarge = await upload(t.app, '/api/portal/uploads', customer(), big, 'big.png');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const empty = await upload(t.app, '/api/portal/uploads', customer(), Buffer.alloc(0), 'empty.png');
    expect(empty.status).toBe(400);
    expect(empty.body.error.details.fields[0].field).toBe('file');
  });

  it('a request takes at most 10 files', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 11; i++) ids.push((await upload(t.app, '/api/portal/uploads', customer(), TINY_PNG, `p${i}.png`)).body.id);
    const tooMany = await request(ids);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.details.fields[0].field).toBe('attachmentIds');
    const ok = await request(ids.slice(0, 10));
    expect(ok.status).toBe(201);
    const view = await call(t.app, 'GET', `/api/portal/jobs/${ok.body.job.id}`, customer());
    expect(view.body.timeline[0].attachments).toHaveLength(10);
  });

  it("a file can be used once, by the person who uploaded it; a failed request leaves nothing half-written", async () => {
    const mine = await upload(t.app, '/api/portal/uploads', customer(), TINY_PNG, 'mine.png');
    const theirs = await upload(t.app, '/api/portal/uploads', { cookie: w.organisation.admin.cookie }, TINY_PNG, 'theirs.png');

    const jobsBefore = (await call(t.app, 'GET', '/api/portal/jobs?limit=100', customer())).body.items.length;
    const borrowed = await request([mine.body.id, theirs.body.id]);
    expect(borrowed.status).toBe(400);
    expect(borrowed.body.error.details.fields[0].field).toBe('attachmentIds');
    // The job, its timeline entry and the claim of "mine" were all rolled back.
    expect((await call(t.app, 'GET', '/api/portal/jobs?limit=100', customer())).body.items.length).toBe(jobsBefore);

    const used = await request([mine.body.id]);
    expect(used.status).toBe(201);
    const reused = await request([mine.body.id]);
    expect(reused.status).toBe(400);
  });

  it('uploads need multipart with a part named file', async () => {
    const json = await call(t.app, 'POST', '/api/portal/uploads', { ...customer(), body: { file: 'x' } });
    expect(json.status).toBe(400);
    expect(json.body.error.details.fields[0].field).toBe('file');
  });
});

import { createHmac, randomInt } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmsSender, SmsSendError } from '../../src/server/modules/notifications/sms-sender.js';
import { DevMailbox } from '../../src/server/modules/notifications/dev-mailbox.js';
import { createTestApp, TEST_NOW, type TestApp } from '../helpers/test-app.js';
import { createWorld, type World } from '../helpers/world.js';

const AUTH_TOKEN = 'secret';
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the provider's Messages API on loopback: records each request, answers as told. */
async function startProviderReceiver() {
  const received: ReceivedRequest[] = [];
  let next: { status: number; body: unknown } | undefined;
  let count = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = next ?? { status: 201, body: { sid: `SM${String(++count).padStart(32, '0')}`, status: 'queued' } };
      next = undefined;
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    received,
    /** The next request gets this answer instead of a 201. */
    answerNextWith(status: number, body: unknown) {
      next = { status, body };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The signature the provider puts in X-Twilio-Signature, computed as Twilio documents it. */
function providerSignature(url: string, params: Record<string, string>, token = AUTH_TOKEN) {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, name) => acc + name + params[name], url);
  return createHmac('sha1', token).update(Buffer.from(data, 'utf-8')).digest('base64');
}

/** A number of our own: the PostgreSQL run shares one database among test files, so none of theirs. */
const uniquePhone = () => {
  const digits = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return { typed: `+44 (7700) 9${digits.slice(0, 2)}-${digits.slice(2)}`, e164: `+4477009${digits}` };
};

describe('SMS through the provider adapter', () => {
  let receiver: Awaited<ReturnType<typeof startProviderReceiver>>;
  let t: TestApp;
  let north: World;
  let south: World;
  let messagesUrl: string;

  beforeAll(async () => {
    receiver = await startProviderReceiver();
    messagesUrl = `http://127.0.0.1:${receiver.port}/2010-04-01/Accounts/AC123/Messages.json`;
    t = await createTestApp({ env: { SMS_URL: messagesUrl, SMS_ACCOUNT_SID: 'AC123', SMS_AUTH_TOKEN: AUTH_TOKEN, SMS_FROM: '+15550001111' } });
    north = await createWorld(t, 'north');
    south = await createWorld(t, 'south');
  });
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    t.clock.set(TEST_NOW);
  });

  describe('sending', () => {
    it('posts a form with To, From and Body, with basic auth, and returns the message sid', async () => {
      const sender = t.app.services.smsSender;
      expect(sender.configured).toBe(true);
      const result = await sender.send({ to: '+1 (555) 010-0199', body: 'Your technician Alex is on the way & arrives ~10:30' });

      expect(result.providerId).toMatch(/^SM\d{32}$/);
      expect(receiver.received).toHaveLength(1);
      const request = receiver.received[0]!;
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/2010-04-01/Accounts/AC123/Messages.json');
      expect(request.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(request.headers.authorization).toBe(`Basic ${Buffer.from('AC123:secret').toString('base64')}`);
      expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
        To: '+15550100199',
        From: '+15550001111',
        Body: 'Your technician Alex is on the way & arrives ~10:30',
      });
    });

    it("throws with the status and the provider's message when the provider answers 400", async () => {
      receiver.answerNextWith(400, { code: 21211, message: "The 'To' number +15550100199 is not a valid phone number.", status: 400 });
      const failure = await t.app.services.smsSender.send({ to: '+15550100199', body: 'Hello' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SmsSendError);
      expect(failure).toMatchObject({ code: 'SMS_PROVIDER_ERROR', status: 400, permanent: false });
      expect((failure as Error).message).toContain('400');
      expect((failure as Error).message).toContain("The 'To' number +15550100199 is not a valid phone number.");
    });

    it('throws when the provider fails with a 500, so the worker retries', async () => {
      receiver.answerNextWith(500, { message: 'Service temporarily unavailable' });
      await expect(t.app.services.smsSender.send({ to: '+15550100199', body: 'Hello' })).rejects.toThrow(/500.*Service temporarily unavailable/);
    });

    it('throws when the provider answers 5xx without JSON', async () => {
      receiver.answerNextWith(502, 'Bad Gateway');
      await expect(t.app.services.smsSender.send({ to: '+15550100199', body: 'Hello' })).rejects.toThrow(/502.*Bad Gateway/);
    });

    it('throws when the provider cannot be reached', async () => {
      // A port that was just free: nothing listens there any more.
      const probe = http.createServer();
      await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
      const { port } = probe.address() as AddressInfo;
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      const sender = createSmsSender({ sms: { url: `http://127.0.0.1:${port}/Messages.json`, accountSid: 'AC123', authToken: AUTH_TOKEN, from: '+15550001111' } }, t.app.log, new DevMailbox());
      const failure = await sender.send({ to: '+15550100199', body: 'Hello' }).catch((error: unknown) => error);
      expect(failure).toMatchObject({ code: 'SMS_PROVIDER_UNREACHABLE', permanent: false });
      expect((failure as Error).message).toMatch(/unreachable.*ECONNREFUSED/);
    });

    it('refuses a number that is not international, without calling the provider', async () => {
      const failure = await t.app.services.smsSender.send({ to: '555 0101', body: 'Hello' }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(SmsSendError);
      expect(failure).toMatchObject({ code: 'SMS_INVALID_NUMBER', permanent: true });
      expect((failure as Error).message).toContain('"555 0101"');
      expect(receiver.received).toHaveLength(0);
    });
  });

  describe('replies (POST /api/sms/inbound)', () => {
    const inboundUrl = 'http://arrivo.test/api/sms/inbound';

    /** Posts a reply as the provider would: form-encoded, signed unless told otherwise. */
    const postReply = (from: string, body: string, signature: string | null = 'valid') => {
      const params = {
        ToCountry: 'US',
        SmsMessageSid: 'SM00000000000000000000000000000abc',
        NumMedia: '0',
        MessageSid: 'SM00000000000000000000000000000abc',
        AccountSid: 'AC123',
        From: from,
        To: '+15550001111',
        Body: body,
        NumSegments: '1',
        ApiVersion: '2010-04-01',
      };
      const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
      if (signature === 'valid') headers['x-twilio-signature'] = providerSignature(inboundUrl, params);
      else if (signature !== null) headers['x-twilio-signature'] = signature;
      return t.app.inject({ method: 'POST', url: '/api/sms/inbound', headers, payload: new URLSearchParams(params).toString() });
    };

    /** The same person, a contact of both companies, typed differently in each. */
    async function personInBothCompanies() {
      const phone = uniquePhone();
      const create = async (world: World, typed: string) => {
        const customer = await t.app.services.customers.create(world.companyId, { kind: 'household', name: 'Okafor household', contacts: [{ name: 'Chidi Okafor', phone: typed }] });
        return customer.contacts[0]!.id;
      };
      const ids = [await create(north, phone.typed), await create(south, phone.e164.replace(/^(\+44)(\d{4})/, '$1 $2 '))];
      return { phone, ids };
    }
    const optedOutAt = async (ids: string[]) => {
      const rows = await t.db.selectFrom('contacts').select(['id', 'sms_opted_out_at']).where('id', 'in', ids).execute();
      return ids.map((id) => rows.find((r) => r.id === id)!.sms_opted_out_at);
    };

    it('STOP opts the number out in every company, START opts it back in; both answer empty TwiML', async () => {
      const { phone, ids } = await personInBothCompanies();
      const bystander = await t.app.services.customers.create(north.companyId, { kind: 'household', name: 'Other household', contacts: [{ name: 'Someone Else', phone: uniquePhone().typed }] });

      const stop = await postReply(phone.e164, '  stop ');
      expect(stop.statusCode).toBe(200);
      expect(stop.headers['content-type']).toMatch(/^text\/xml/);
      expect(stop.body).toBe(EMPTY_TWIML);
      expect(await optedOutAt(ids)).toEqual([TEST_NOW, TEST_NOW]);
      expect(await optedOutAt([bystander.contacts[0]!.id])).toEqual([null]);

      // A resent webhook keeps the time of the first STOP.
      t.clock.advance(60_000);
      expect((await postReply(phone.e164, 'STOP')).statusCode).toBe(200);
      expect(await optedOutAt(ids)).toEqual([TEST_NOW, TEST_NOW]);

      const start = await postReply(phone.e164, 'Start');
      expect(start.statusCode).toBe(200);
      expect(start.body).toBe(EMPTY_TWIML);
      expect(await optedOutAt(ids)).toEqual([null, null]);
    });

    it.each(['STOPALL', 'unsubscribe', 'Cancel.', 'END', 'quit please'])('%j opts out too', async (keyword) => {
      const { phone, ids } = await personInBothCompanies();
      expect((await postReply(phone.e164, keyword)).statusCode).toBe(200);
      expect(await optedOutAt(ids)).toEqual([TEST_NOW, TEST_NOW]);
      expect((await postReply(phone.e164, 'UNSTOP')).statusCode).toBe(200);
      expect(await optedOutAt(ids)).toEqual([null, null]);
    });

    it('ignores other text', async () => {
      const { phone, ids } = await personInBothCompanies();
      const answer = await postReply(phone.e164, 'Please stop by after 3pm');
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toBe(EMPTY_TWIML);
      expect(await optedOutAt(ids)).toEqual([null, null]);
    });

    it('refuses a wrong signature and a missing one with 403, and changes nothing', async () => {
      const { phone, ids } = await personInBothCompanies();
      const forged = providerSignature(inboundUrl, { From: phone.e164, Body: 'STOP' }, 'not-the-token');
      for (const signature of [forged, 'garbage', null]) {
        const answer = await postReply(phone.e164, 'STOP', signature);
        expect(answer.statusCode).toBe(403);
        expect(answer.json().error.code).toBe('FORBIDDEN');
      }
      expect(await optedOutAt(ids)).toEqual([null, null]);
    });

    it('refuses a signature made for another address (the URL is part of what is signed)', async () => {
      const { phone, ids } = await personInBothCompanies();
      const params = { From: phone.e164, To: '+15550001111', Body: 'STOP' };
      const answer = await t.app.inject({
        method: 'POST',
        url: '/api/sms/inbound',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': providerSignature('http://localhost:3000/api/sms/inbound', params) },
        payload: new URLSearchParams(params).toString(),
      });
      expect(answer.statusCode).toBe(403);
      expect(await optedOutAt(ids)).toEqual([null, null]);
    });

    it('still answers 415 to a form body anywhere else in the API', async () => {
      for (const url of ['/api/auth/sign-in', '/api/portal/sign-in-links']) {
        const answer = await t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'email=a%40b.test&password=x' });
        expect(answer.statusCode, url).toBe(415);
        expect(answer.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      }
    });
  });
});

describe('SMS without a provider configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('keeps SMS in the dev mailbox instead of sending them', async () => {
    const { smsSender, devMailbox } = t.app.services;
    expect(smsSender.configured).toBe(false);
    expect(await smsSender.send({ to: '+15550100199', body: 'Your visit is tomorrow' })).toEqual({ providerId: null });
    expect(devMailbox.list()[0]).toMatchObject({ channel: 'sms', to: '+15550100199', text: 'Your visit is tomorrow' });
  });

  it('answers 404 on the reply webhook', async () => {
    const params = { From: '+15550100199', To: '+15550001111', Body: 'STOP' };
    const answer = await t.app.inject({
      method: 'POST',
      url: '/api/sms/inbound',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': providerSignature('http://arrivo.test/api/sms/inbound', params) },
      payload: new URLSearchParams(params).toString(),
    });
    expect(answer.statusCode).toBe(404);
    expect(answer.json().error.code).toBe('SMS_NOT_CONFIGURED');
  });
});

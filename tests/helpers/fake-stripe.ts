import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';

/** One request the fake received, as the test reads it. */
export interface StripeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  body: Record<string, unknown>;
}

interface FakeIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_received: number;
  currency: string;
  status: 'requires_payment_method' | 'succeeded' | 'canceled' | 'processing';
  metadata: Record<string, string>;
  customer: string | null;
  payment_method: string | null;
  setup_future_usage: string | null;
  last_payment_error: { message: string; code: string } | null;
  latest_charge: string | null;
}

interface FakeSession {
  id: string;
  object: 'checkout.session';
  url: string;
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  payment_intent: string | null;
  client_reference_id: string | null;
  metadata: Record<string, string>;
  customer: string | null;
  amount_total: number;
  currency: string;
  payment_intent_data: { metadata: Record<string, string>; setup_future_usage: string | null; description: string | null };
}

interface FakeRefund {
  id: string;
  object: 'refund';
  amount: number;
  status: 'succeeded' | 'pending' | 'failed';
  payment_intent: string;
  charge: string;
  metadata: Record<string, string>;
}

export interface FakeStripe {
  /** The base URL to give STRIPE_API_BASE. */
  url: string;
  requests: StripeRequest[];
  intents: Map<string, FakeIntent>;
  sessions: Map<string, FakeSession>;
  refunds: FakeRefund[];
  /** PaymentIntents that took money: the number of charges the customer would see. */
  charges(): FakeIntent[];
  /** The customer pays on the hosted page: a PaymentIntent is created and charged (or declined). */
  completeCheckout(sessionId: string, options?: { declined?: boolean }): FakeIntent;
  /** A refund made in Stripe's dashboard, not through Arrivo. */
  refundFromDashboard(intentId: string, amount: number): FakeRefund;
  /** A Stripe event wrapping the object as it is now (or as given). */
  event(type: string, object: object): { id: string; payload: string };
  /** The Stripe-Signature header for a payload, signed with the webhook secret. */
  sign(payload: string, secret: string): string;
  close(): Promise<void>;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** Turns `a[b][0][c]=1` form fields into nested objects (numeric keys stay object keys). */
function parseForm(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) {
    const parts = key.replace(/\]/g, '').split('[');
    let node = out as Record<string, unknown>;
    parts.forEach((part, i) => {
      if (i === parts.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

const stripeError = (status: number, message: string, extra: object = {}) => ({ status, body: { error: { type: 'invalid_request_error', message, ...extra } } });

/**
 * A fake Stripe API on loopback for tests: the few endpoints Arrivo calls, with Stripe's
 * idempotency (the same Idempotency-Key replays the first answer), and every request recorded so
 * a test can count charges and read the keys. Nothing leaves the machine.
 */
export async function startFakeStripe(): Promise<FakeStripe> {
  const requests: StripeRequest[] = [];
  const intents = new Map<string, FakeIntent>();
  const sessions = new Map<string, FakeSession>();
  const refunds: FakeRefund[] = [];
  const customers = new Map<string, { id: string; name: string }>();
  const methods = new Map<string, { id: string; customer: string | null; card: { brand: string; last4: string; exp_month: number; exp_year: number } }>();
  const replies = new Map<string, { status: number; body: unknown }>();
  let base = '';

  const intentView = (intent: FakeIntent, expand: boolean) => {
    if (!expand || !intent.latest_charge) return intent;
    const method = intent.payment_method ? methods.get(intent.payment_method) : undefined;
    return {
      ...intent,
      latest_charge: {
        id: intent.latest_charge,
        object: 'charge',
        amount: intent.amount,
        amount_refunded: refunds.filter((r) => r.payment_intent === intent.id && r.status === 'succeeded').reduce((s, r) => s + r.amount, 0),
        payment_method_details: { type: 'card', card: { brand: method?.card.brand ?? 'visa', last4: method?.card.last4 ?? '4242' } },
      },
    };
  };

  const charge = (intent: FakeIntent, declined: boolean) => {
    if (declined) {
      intent.status = 'requires_payment_method';
      intent.last_payment_error = { message: 'Your card was declined.', code: 'card_declined' };
      return;
    }
    const method = { id: id('pm'), customer: intent.setup_future_usage ? intent.customer : null, card: { brand: 'visa', last4: '4242', exp_month: 12, exp_year: 2034 } };
    methods.set(method.id, method);
    intent.payment_method ??= method.id;
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = id('ch');
    intent.last_payment_error = null;
  };

  function handle(method: string, path: string, query: URLSearchParams, body: Record<string, unknown>): { status: number; body: unknown } {
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const data = (body.payment_intent_data ?? {}) as { metadata?: Record<string, string>; setup_future_usage?: string; description?: string };
      const item = ((body.line_items as Record<string, { price_data: { unit_amount: string; currency: string } }>)['0'] ?? { price_data: { unit_amount: '0', currency: 'usd' } }).price_data;
      const session: FakeSession = {
        id: id('cs_test'),
        object: 'checkout.session',
        url: '',
        status: 'open',
        payment_status: 'unpaid',
        payment_intent: null,
        client_reference_id: (body.client_reference_id as string) ?? null,
        metadata: (body.metadata as Record<string, string>) ?? {},
        customer: (body.customer as string) ?? null,
        amount_total: Number(item.unit_amount),
        currency: item.currency,
        payment_intent_data: { metadata: data.metadata ?? {}, setup_future_usage: data.setup_future_usage ?? null, description: data.description ?? null },
      };
      session.url = `${base}/checkout/${session.id}`;
      sessions.set(session.id, session);
      return { status: 200, body: session };
    }
    if ((match = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path)) && method === 'GET') {
      const session = sessions.get(match[1]!);
      return session ? { status: 200, body: session } : stripeError(404, 'No such checkout session');
    }
    if ((match = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path)) && method === 'POST') {
      const session = sessions.get(match[1]!);
      if (!session) return stripeError(404, 'No such checkout session');
      if (session.status !== 'open') return stripeError(400, 'Only open sessions can be expired');
      session.status = 'expired';
      return { status: 200, body: session };
    }
    if ((match = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && method === 'GET') {
      const intent = intents.get(match[1]!);
      const expand = [...query.entries()].some(([k, v]) => k.startsWith('expand') && v === 'latest_charge');
      return intent ? { status: 200, body: intentView(intent, expand) } : stripeError(404, 'No such payment_intent');
    }
    if (method === 'POST' && path === '/v1/payment_intents') {
      const intent: FakeIntent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: Number(body.amount),
        amount_received: 0,
        currency: String(body.currency),
        status: 'requires_payment_method',
        metadata: (body.metadata as Record<string, string>) ?? {},
        customer: (body.customer as string) ?? null,
        payment_method: (body.payment_method as string) ?? null,
        setup_future_usage: null,
        last_payment_error: null,
        latest_charge: null,
      };
      intents.set(intent.id, intent);
      const saved = intent.payment_method ? methods.get(intent.payment_method) : undefined;
      if (body.confirm === 'true') {
        if (!saved || saved.customer !== intent.customer || saved.card.last4 === '0002') {
          charge(intent, true);
          return stripeError(402, 'Your card was declined.', { type: 'card_error', code: 'card_declined', payment_intent: intent });
        }
        charge(intent, false);
      }
      return { status: 200, body: intent };
    }
    if (method === 'POST' && path === '/v1/refunds') {
      const intent = intents.get(String(body.payment_intent));
      if (!intent || intent.status !== 'succeeded') return stripeError(400, 'This PaymentIntent has no successful charge to refund');
      const already = refunds.filter((r) => r.payment_intent === intent.id && r.status !== 'failed').reduce((s, r) => s + r.amount, 0);
      const amount = body.amount ? Number(body.amount) : intent.amount_received - already;
      if (already + amount > intent.amount_received) return stripeError(400, 'Refund amount is greater than unrefunded amount on charge');
      const refund: FakeRefund = { id: id('re'), object: 'refund', amount, status: 'succeeded', payment_intent: intent.id, charge: intent.latest_charge!, metadata: (body.metadata as Record<string, string>) ?? {} };
      refunds.push(refund);
      return { status: 200, body: refund };
    }
    if (method === 'GET' && path === '/v1/refunds') {
      const intent = query.get('payment_intent');
      return { status: 200, body: { object: 'list', data: refunds.filter((r) => r.payment_intent === intent), has_more: false, url: '/v1/refunds' } };
    }
    if (method === 'POST' && path === '/v1/customers') {
      const customer = { id: id('cus'), object: 'customer', name: String(body.name ?? '') };
      customers.set(customer.id, customer);
      return { status: 200, body: customer };
    }
    if (method === 'GET' && path === '/v1/payment_methods') {
      const customer = query.get('customer');
      return { status: 200, body: { object: 'list', data: [...methods.values()].filter((m) => m.customer === customer).map((m) => ({ ...m, object: 'payment_method', type: 'card' })), has_more: false, url: '/v1/payment_methods' } };
    }
    if ((match = /^\/v1\/payment_methods\/([^/]+)\/detach$/.exec(path)) && method === 'POST') {
      const found = methods.get(match[1]!);
      if (!found) return stripeError(404, 'No such payment method');
      found.customer = null;
      return { status: 200, body: { ...found, object: 'payment_method', type: 'card' } };
    }
    return stripeError(404, `Unrecognized request URL (${method}: ${path})`);
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://fake-stripe');
      const body = parseForm(Buffer.concat(chunks).toString('utf8'));
      const key = (request.headers['idempotency-key'] as string | undefined) ?? null;
      requests.push({ method: request.method ?? 'GET', path: url.pathname, idempotencyKey: key, body });
      let reply = key ? replies.get(`${request.method} ${key}`) : undefined;
      if (!reply) {
        reply = handle(request.method ?? 'GET', url.pathname, url.searchParams, body);
        if (key) replies.set(`${request.method} ${key}`, reply);
      }
      response.writeHead(reply.status, { 'content-type': 'application/json', 'request-id': id('req'), ...(key ? { 'idempotency-key': key } : {}) });
      response.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const stripe = new Stripe('sk_test_fake');

  return {
    url: base,
    requests,
    intents,
    sessions,
    refunds,
    charges: () => [...intents.values()].filter((i) => i.status === 'succeeded'),
    completeCheckout(sessionId, options = {}) {
      const session = sessions.get(sessionId);
      if (!session) throw new Error(`no session ${sessionId}`);
      const intent: FakeIntent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: session.amount_total,
        amount_received: 0,
        currency: session.currency,
        status: 'requires_payment_method',
        metadata: session.payment_intent_data.metadata,
        customer: session.customer,
        payment_method: null,
        setup_future_usage: session.payment_intent_data.setup_future_usage,
        last_payment_error: null,
        latest_charge: null,
      };
      intents.set(intent.id, intent);
      charge(intent, options.declined === true);
      session.payment_intent = intent.id;
      if (!options.declined) {
        session.status = 'complete';
        session.payment_status = 'paid';
      }
      return intent;
    },
    refundFromDashboard(intentId, amount) {
      const intent = intents.get(intentId)!;
      const refund: FakeRefund = { id: id('re'), object: 'refund', amount, status: 'succeeded', payment_intent: intent.id, charge: intent.latest_charge!, metadata: {} };
      refunds.push(refund);
      return refund;
    },
    event(type, object) {
      const eventId = id('evt');
      return { id: eventId, payload: JSON.stringify({ id: eventId, object: 'event', type, api_version: '2025-01-01', created: Math.floor(Date.now() / 1000), livemode: false, data: { object } }) };
    },
    sign(payload, secret) {
      return stripe.webhooks.generateTestHeaderString({ payload, secret });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

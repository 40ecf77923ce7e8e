// The official stripe-node SDK, unmodified, against a running Pinstripe: the README's promise.
// Usage: PINSTRIPE_URL=http://127.0.0.1:12111 PINSTRIPE_KEY=sk_test_... node check.js
'use strict';
const assert = require('node:assert/strict');
const Stripe = require('stripe');

const url = new URL(process.env.PINSTRIPE_URL || 'http://127.0.0.1:12111');
const stripe = new Stripe(process.env.PINSTRIPE_KEY, {
  host: url.hostname, port: Number(url.port), protocol: url.protocol.replace(':', ''),
});

const checks = [];
const check = (name, fn) => checks.push({ name, fn });

check('create returns a customer with metadata', async () => {
  const c = await stripe.customers.create({ email: 'node@example.com', metadata: { order: '42' } });
  assert.match(c.id, /^cus_/);
  assert.equal(c.object, 'customer');
  assert.deepEqual(c.metadata, { order: '42' });
});

check('search finds by email', async () => {
  const found = await stripe.customers.search({ query: "email:'node@example.com'" });
  assert.equal(found.object, 'search_result');
  assert.equal(found.data.length, 1);
});

check('update with an empty metadata value unsets it', async () => {
  const c = await stripe.customers.create({ metadata: { a: '1', b: '2' } });
  const u = await stripe.customers.update(c.id, { name: 'Node', metadata: { a: '' } });
  assert.equal(u.name, 'Node');
  assert.deepEqual(u.metadata, { b: '2' });
});

check('list auto-pagination visits every customer once', async () => {
  const created = [];
  for (let i = 0; i < 7; i++) created.push((await stripe.customers.create({ email: `page${i}@node.test` })).id);
  const seen = [];
  for await (const c of stripe.customers.list({ limit: 3 })) seen.push(c.id);
  for (const id of created) assert.ok(seen.includes(id), `${id} was not listed`);
  assert.equal(new Set(seen).size, seen.length);
});

check('errors carry Stripe type, status, code and param', async () => {
  await assert.rejects(stripe.customers.retrieve('cus_missing'), (e) => {
    assert.equal(e.type, 'StripeInvalidRequestError');
    assert.equal(e.statusCode, 404);
    assert.equal(e.code, 'resource_missing');
    assert.equal(e.param, 'id');
    return true;
  });
});

check('delete returns a deleted stub', async () => {
  const c = await stripe.customers.create({});
  const d = await stripe.customers.del(c.id);
  assert.equal(d.deleted, true);
});

check('the same idempotency key replays the first response', async () => {
  const first = await stripe.customers.create({ email: 'once@node.test' }, { idempotencyKey: 'node-replay-1' });
  const again = await stripe.customers.create({ email: 'once@node.test' }, { idempotencyKey: 'node-replay-1' });
  assert.equal(again.id, first.id);
  assert.equal(again.lastResponse.headers['idempotent-replayed'], 'true');
});

check("Stripe's quick start: pay, refund, read the balance", async () => {
  const pi = await stripe.paymentIntents.create({ amount: 2000, currency: 'usd', automatic_payment_methods: { enabled: true } });
  assert.equal(pi.status, 'requires_payment_method');
  const paid = await stripe.paymentIntents.confirm(pi.id, { payment_method: 'pm_card_visa' });
  assert.equal(paid.status, 'succeeded');
  const refund = await stripe.refunds.create({ payment_intent: pi.id, amount: 500 });
  assert.equal(refund.status, 'succeeded');
  const charge = await stripe.charges.retrieve(paid.latest_charge, { expand: ['balance_transaction'] });
  assert.equal(charge.amount_refunded, 500);
  assert.equal(charge.balance_transaction.fee, 88);
  const balance = await stripe.balance.retrieve();
  const pending = balance.pending.find((f) => f.currency === 'usd');
  const available = balance.available.find((f) => f.currency === 'usd');
  assert.equal(pending.amount + available.amount, 2000 - 88 - 500);
});

check('a declined card is a StripeCardError with the decline code', async () => {
  await assert.rejects(
    stripe.paymentIntents.create({ amount: 2000, currency: 'usd', payment_method: 'pm_card_chargeDeclinedInsufficientFunds', confirm: true }),
    (e) => {
      assert.equal(e.type, 'StripeCardError');
      assert.equal(e.statusCode, 402);
      assert.equal(e.code, 'card_declined');
      assert.equal(e.decline_code, 'insufficient_funds');
      assert.equal(e.raw.payment_intent.status, 'requires_payment_method');
      return true;
    });
});

check('webhooks: a real delivery passes stripe.webhooks.constructEvent', async () => {
  const http = require('node:http');
  const received = [];
  const receiver = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.writeHead(200);
      res.end('ok');
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const endpoint = await stripe.webhookEndpoints.create({
      url: `http://127.0.0.1:${receiver.address().port}/webhook`, enabled_events: ['customer.created'],
    });
    assert.match(endpoint.secret, /^whsec_/);
    const customer = await stripe.customers.create({ email: 'webhook@node.test' });
    const deadline = Date.now() + 20000;
    while (!received.some((r) => r.body.includes(customer.id)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const delivery = received.find((r) => r.body.includes(customer.id));
    assert.ok(delivery, 'the customer.created event was not delivered within 20 s');
    assert.equal(delivery.headers['content-type'], 'application/json; charset=utf-8');
    const event = stripe.webhooks.constructEvent(delivery.body, delivery.headers['stripe-signature'], endpoint.secret);
    assert.equal(event.type, 'customer.created');
    assert.equal(event.data.object.id, customer.id);
    assert.throws(() => stripe.webhooks.constructEvent(delivery.body, delivery.headers['stripe-signature'], 'whsec_wrong'));
    await stripe.webhookEndpoints.del(endpoint.id);
  } finally {
    receiver.close();
  }
});

(async () => {
  let passed = 0;
  let failed = 0;
  for (const { name, fn } of checks) {
    try {
      await fn();
      passed++;
      console.log(`ok   ${name}`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e && e.stack ? e.stack : e}`);
    }
  }
  console.log(`stripe-node: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
})();

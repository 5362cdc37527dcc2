// Browser end-to-end tests of the Decouple Lab playground, in real headless Chromium.
//
//   (cd tests/e2e && npm ci) && trunk build && node tests/e2e/run.mjs
//
// Serves dist/ on 127.0.0.1 with a tiny static server, drives the page by clicks, saves
// screenshots to tests/e2e/screenshots/ and fails on any console error. Every scenario runs:
// none is skipped. `node run.mjs <part of a name>` runs the matching ones only.
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { serve, launch, dist, shots } from './lib.mjs';
import { readmeScene, sceneReaders } from './scene.mjs';
import { auditText, auditFocus, auditBoundaries, describe } from './contrast.mjs';
import { untranslated } from './untranslated.mjs';

const only = process.argv[2];

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

// ---- helpers ---------------------------------------------------------------------------
async function openTab(page, id) {
  await page.click(`button.tab[data-form="${id}"]`);
  await page.waitForSelector(`form[data-call="${id}"]`);
}
async function submit(page, id, fields = {}) {
  await openTab(page, id);
  for (const [name, value] of Object.entries(fields)) {
    const sel = `form[data-call="${id}"] [name="${name}"]`;
    const tag = await page.$eval(sel, (el) => el.tagName + ':' + (el.type || ''));
    if (tag.startsWith('SELECT')) await page.selectOption(sel, { label: value }).catch(() => page.selectOption(sel, value));
    else if (tag.endsWith('checkbox')) { if (value) await page.check(sel); else await page.uncheck(sel); }
    else await page.fill(sel, String(value));
  }
  await page.click(`form[data-call="${id}"] button[type=submit]`);
}
/** Waits until the event log shows `text` (an entry appears once its animation has played). */
async function logShows(page, ...texts) {
  await page.waitForFunction((ts) => ts.every((t) => (document.querySelector('.events')?.textContent || '').includes(t)), texts);
  return page.textContent('.events');
}
async function flash(page) {
  return page.$eval('.flash', (el) => el.textContent).catch(() => '');
}
const state = (page) => page.evaluate(() => DecoupleLab.main.state());
const chipClass = (page) => page.$$eval('.chips g.chip:not(.flight)', (els) => els.map((e) => e.getAttribute('class')));

/** Queue `work` with DLQ `dlq` (maxReceiveCount 1); a `poison` message received twice by clicks,
 * so the second receive moves it into `dlq`. */
async function poisonIntoDlq(page) {
  await createQueue(page, 'dlq');
  await submit(page, 'sqs.CreateQueue', { QueueName: 'work', VisibilityTimeout: '2', deadLetterTargetArn: 'dlq', maxReceiveCount: '1' });
  await page.waitForSelector('g.edge.dlq');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'work', MessageBody: 'poison' });
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'work' });
  await page.click('button.step');
  await page.click('button.step');
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'work' });
  await page.click('button.step');
}

async function createQueue(page, name, extra = {}) {
  await submit(page, 'sqs.CreateQueue', { QueueName: name, ...extra });
  await page.waitForSelector(`g[data-node="q:${name}"]`);
}

// ---- scenarios -------------------------------------------------------------------------
test('loads with the virtual clock, an empty canvas and no console errors', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await page.waitForSelector('.canvas');
  const clock = await page.textContent('.timebar .vclock');
  assert(clock.startsWith('2024-01-01 00:00:00.000'), `clock: ${clock}`);
  assert(await page.isVisible('text=Create a queue or a topic to begin.'), 'empty canvas hint');
  assert(await page.isVisible('text=Or load an example: Script → Examples.'), 'the hint points at the examples');
  await page.screenshot({ path: join(shots, 'empty.png') });
});

test('time bar: step, jump, play and scrub back', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await page.waitForSelector('.canvas');
  await page.click('button.step');
  await page.click('button.step');
  let s = await state(page);
  assert(s.elapsed === 2000, `after two steps: ${s.elapsed}`);
  await page.click('button.speed:has-text("1000×")');
  await page.click('button.play');
  await page.waitForTimeout(300);
  await page.click('button.play');
  s = await state(page);
  assert(s.elapsed > 10000, `played at 1000×: ${s.elapsed}`);
  await page.evaluate(() => DecoupleLab.main.seek(1000));
  s = await state(page);
  assert(s.elapsed === 1000, `seek: ${s.elapsed}`);
  assert(await page.isVisible('.where.past'), 'shows that the view is in the past');
});

test('jump to next event with nothing scheduled says so instead of doing nothing silently; Korean', async ({ page, url }) => {
  await page.goto(url + '/index.html?lang=ko');
  await page.waitForSelector('.canvas');
  await page.click('button.next');
  await page.waitForSelector('.timebar .idle-hint');
  assert((await page.textContent('.timebar .idle-hint')).startsWith('예약된 일이 없습니다'), await page.textContent('.timebar .idle-hint'));
  await page.goto(url + '/index.html');
  await page.waitForSelector('.canvas');
  await page.click('button.next');
  await page.waitForSelector('.timebar .idle-hint');
  assert((await page.textContent('.timebar .idle-hint')).startsWith('Nothing is scheduled'), await page.textContent('.timebar .idle-hint'));
  assert((await state(page)).elapsed === 0, 'the clock stays');
  await createQueue(page, 'orders');
  assert(!(await page.$('.timebar .idle-hint')), 'a call clears it');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: 'later', DelaySeconds: '3' });
  await page.click('button.next');
  assert((await state(page)).elapsed === 3000 && !(await page.$('.timebar .idle-hint')), 'there was a next event');
});

test('SQS by clicks: send, receive, the visibility countdown returns the chip, delete', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders', { VisibilityTimeout: '5' });
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: 'order #1' });
  await page.waitForSelector('.chips g.chip.waiting');
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'orders' });
  await page.waitForSelector('.chips g.chip.inflight');
  let s = await state(page);
  assert(s.queues.orders.inFlight === 1, `in flight: ${JSON.stringify(s.queues.orders)}`);
  await page.waitForTimeout(700);
  await page.screenshot({ path: join(shots, 'sqs-inflight.png') });
  // Click the chip: the inspector explains why it is invisible.
  await page.click('.chips g.chip.inflight');
  const why = await page.textContent('.inspector .why');
  assert(/In flight: invisible until/.test(why), `why: ${why}`);
  await page.click('button.next'); // jump to the visibility deadline
  await page.waitForSelector('.chips g.chip.waiting');
  s = await state(page);
  assert(s.queues.orders.waiting === 1 && s.elapsed === 5000, `returned: ${JSON.stringify(s)}`);
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'orders' });
  await page.click('.chips g.chip.inflight');
  await page.click('button.delete-msg');
  await page.waitForFunction(() => document.querySelectorAll('.chips g.chip:not(.flight):not(.leaving)').length === 0);
  await logShows(page, 'MessageDeleted');
});

test('message attributes sent by clicks are shown on the message, before and after a receive', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: 'order #7', MessageAttributes: '{"color": "red", "qty": 3}' });
  await page.click('.chips g.chip.waiting');
  const attrs = () => page.$$eval('.inspector ul.attributes li', (els) => els.map((e) => e.textContent));
  let a = await attrs();
  assert(JSON.stringify(a) === JSON.stringify(['color (String) red', 'qty (Number) 3']), `sent: ${JSON.stringify(a)}`);
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'orders' });
  await page.click('.chips g.chip.inflight');
  await page.waitForFunction(() => /ApproximateReceiveCount1/.test(document.querySelector('.inspector dl')?.textContent || ''));
  a = await attrs();
  assert(JSON.stringify(a) === JSON.stringify(['color (String) red', 'qty (Number) 3']), `received: ${JSON.stringify(a)}`);
  await page.screenshot({ path: join(shots, 'message-attributes.png') });
});

test('inspector after the selected thing is gone: a purged message shows how it ended, a deleted queue says so by name (not its node id); Korean', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: 'm1' });
  await page.click('.chips g.chip.waiting');
  await submit(page, 'sqs.PurgeQueue', { QueueUrl: 'orders' });
  await page.click('button.step');
  await page.waitForSelector('.inspector .message.gone');
  const gone = await page.textContent('.inspector');
  assert(gone.includes('No longer in any queue') && /PurgeQueue\s*$/.test(await page.textContent('.inspector .timeline li:last-child')), `purged: ${gone}`);
  await page.click('g[data-node="q:orders"] .title');
  await submit(page, 'sqs.DeleteQueue', { QueueUrl: 'orders' });
  await page.waitForSelector('.inspector .gone');
  const q = (await page.textContent('.inspector .gone')).trim();
  assert(q === 'orders no longer exists: it was deleted.', `deleted: ${q}`);
  await page.goto(url + '/index.html?lang=ko');
  await page.waitForSelector('.canvas');
  await createQueue(page, 'jobs');
  await page.click('g[data-node="q:jobs"] .title');
  await submit(page, 'sqs.DeleteQueue', { QueueUrl: 'jobs' });
  await page.waitForSelector('.inspector .gone');
  assert((await page.textContent('.inspector .gone')).trim() === 'jobs은(는) 더 이상 없습니다: 삭제되었습니다.', await page.textContent('.inspector .gone'));
});

test('SQS FIFO: message groups as lanes, a group blocked by its in-flight message', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'sqs.CreateQueue', { QueueName: 'pay', FifoQueue: true, ContentBasedDeduplication: true });
  await page.waitForSelector('g[data-node="q:pay.fifo"]');
  for (const [g, b] of [['alice', 'p1'], ['bob', 'p2'], ['alice', 'p3']]) {
    await submit(page, 'sqs.SendMessage', { QueueUrl: 'pay.fifo', MessageBody: b, MessageGroupId: g });
  }
  await page.waitForFunction(() => document.querySelectorAll('.chips g.chip.waiting').length === 3);
  assert((await page.textContent('g[data-node="q:pay.fifo"]')).includes('alice'), 'group lanes are labelled');
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'pay.fifo' });
  await page.waitForSelector('.chips g.chip.inflight');
  const blocked = await page.evaluate(() => {
    // The waiting chip in alice's lane (p3): the second chip of the top lane.
    const chips = [...document.querySelectorAll('.chips g.chip.waiting')];
    return chips.map((c) => c.getAttribute('data-id'));
  });
  let found = false;
  for (const id of blocked) {
    await page.click(`.chips g.chip[data-id="${id}"]`);
    const why = await page.textContent('.inspector .why');
    if (why.includes('message group alice is blocked')) found = true;
  }
  assert(found, 'a waiting alice message explains the blocked group');
});

test('SNS FIFO by clicks: publish with MessageGroupId and MessageDeduplicationId, or ContentBasedDeduplication on the topic; a repeated id is deduplicated', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'sqs.CreateQueue', { QueueName: 'pay', FifoQueue: true });
  await page.waitForSelector('g[data-node="q:pay.fifo"]');
  await submit(page, 'sns.CreateTopic', { Name: 'payments.fifo' });
  await submit(page, 'sns.Subscribe', { TopicArn: 'payments.fifo', Endpoint: 'sqs: pay.fifo' });
  await page.waitForSelector('g.gate');
  for (let i = 0; i < 2; i++) {
    await submit(page, 'sns.Publish', { TopicArn: 'payments.fifo', Message: 'charge 1', MessageGroupId: 'alice', MessageDeduplicationId: 'charge-1' });
    assert((await flash(page)).startsWith('OK sns.Publish'), await flash(page));
  }
  await page.click('button.step');
  await page.waitForSelector('.chips g.chip.waiting');
  let s = await state(page);
  assert(s.queues['pay.fifo'].waiting === 1, `the repeated MessageDeduplicationId is dropped: ${JSON.stringify(s.queues['pay.fifo'])}`);
  await submit(page, 'sns.CreateTopic', { Name: 'orders.fifo', ContentBasedDeduplication: true });
  await page.waitForFunction(() => document.querySelectorAll('g[data-node^="t:"]').length === 2);
  await submit(page, 'sns.Publish', { TopicArn: 'orders.fifo', Message: 'order 1', MessageGroupId: 'bob' });
  assert((await flash(page)).startsWith('OK sns.Publish'), `content-based deduplication: ${await flash(page)}`);
});

test('SQS redrive: maxReceiveCount moves the message to the DLQ beside its source', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await poisonIntoDlq(page);
  const s = await state(page);
  assert(s.queues.dlq.waiting === 1 && s.queues.work.waiting === 0, `moved: ${JSON.stringify({ dlq: s.queues.dlq.waiting, work: s.queues.work.waiting })}`);
  await logShows(page, 'MovedToDeadLetterQueue');
  await page.waitForTimeout(700);
  await page.screenshot({ path: join(shots, 'dlq.png') });
  // The DLQ's inspector says whose dead letters it holds.
  await page.click('g[data-node="q:dlq"] .title');
  const of = await page.textContent('.inspector .dlq-of');
  assert(of.includes('Dead-letter queue of work') && of.includes('maxReceiveCount (1)'), `dlq-of: ${of}`);
});

test('receive count vs maxReceiveCount: the "why" names the receive that moves the message to the DLQ', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'dlq');
  await submit(page, 'sqs.CreateQueue', { QueueName: 'work', VisibilityTimeout: '2', deadLetterTargetArn: 'dlq', maxReceiveCount: '2' });
  await page.waitForSelector('g.edge.dlq');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'work', MessageBody: 'job' });
  await page.click('.chips g.chip.waiting');
  const why = () => page.textContent('.inspector .why');
  let w = await why();
  assert(w.includes('Received 0 of maxReceiveCount 2: receive number 3 exceeds the limit and moves it to dlq instead of returning it.'), `0 receives: ${w}`);
  for (const n of [1, 2]) {
    await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'work' });
    await page.click('.chips g.chip.inflight');
    await page.waitForFunction((n) => (document.querySelector('.inspector .why')?.textContent || '').includes(`Received ${n} of`), n);
    w = await why();
    const want = n === 1
      ? 'Received 1 of maxReceiveCount 2: receive number 3 exceeds the limit'
      : 'Received 2 of maxReceiveCount 2: the next receive exceeds the limit and moves it to dlq instead of returning it.';
    assert(w.includes(want), `${n} receives: ${w}`);
    await page.click('button.next'); // the visibility timeout ends
    await page.waitForSelector('.chips g.chip.waiting');
  }
  // As said: the third receive moves it instead of returning it.
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'work' });
  await page.click('button.step');
  const s = await state(page);
  assert(s.queues.dlq.waiting === 1 && s.queues.work.waiting === 0, `moved on receive 3: ${JSON.stringify(s.queues)}`);
});

test('canvas edges: the producer feeds only queues with nothing in front; a DLQ hangs off its source, a subscribed queue off its gate', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'dlq');
  await submit(page, 'sqs.CreateQueue', { QueueName: 'work', deadLetterTargetArn: 'dlq', maxReceiveCount: '2' });
  await createQueue(page, 'fanned');
  await submit(page, 'sns.CreateTopic', { Name: 'events' });
  await submit(page, 'sns.Subscribe', { TopicArn: 'events', Endpoint: 'sqs: fanned' });
  await page.waitForSelector('g.gate');
  const into = (to) => page.$$eval(`g.edge[data-to="${to}"]`, (els) => els.map((e) => `${e.dataset.from} ${e.getAttribute('class')}`));
  const work = await into('q:work'), dlq = await into('q:dlq'), fanned = await into('q:fanned');
  assert(JSON.stringify(work) === JSON.stringify(['p edge']), `into work: ${JSON.stringify(work)}`);
  assert(JSON.stringify(dlq) === JSON.stringify(['q:work edge dlq']), `into dlq: ${JSON.stringify(dlq)}`);
  assert(fanned.length === 1 && fanned[0].startsWith('g:arn:aws:sns:us-east-1:000000000000:events:'), `into fanned: ${JSON.stringify(fanned)}`);
  // The producer's edge to work keeps clear of the topic's box (under it, it reads as the topic's).
  const under = await page.evaluate(() => {
    const path = document.querySelector('g.edge[data-from="p"][data-to="q:work"] path');
    const topic = document.querySelector('g[data-node^="t:"]').getBBox();
    const len = path.getTotalLength();
    return [...Array(101).keys()].map((i) => path.getPointAtLength((len * i) / 100))
      .filter((p) => p.x > topic.x && p.x < topic.x + topic.width && p.y > topic.y && p.y < topic.y + topic.height).length;
  });
  assert(under === 0, `${under} points of producer → work lie under the topic`);
  // A message sent straight to the subscribed queue still flies in from the producer.
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'fanned', MessageBody: 'direct' });
  await page.waitForSelector('.chips g.chip.waiting');
  await page.screenshot({ path: join(shots, 'edges.png') });
});

test('SQS errors are shown as AWS words them', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'sqs.CreateQueue', { QueueName: 'bad name!' });
  const f = await flash(page);
  assert(/InvalidParameterValue|Can only include alphanumeric characters, hyphens, or underscores/.test(f), `flash: ${f}`);
});

test('out-of-range and malformed numbers reach the engine: every form lets them through and shows AWS\'s answer', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '1' });
  await page.waitForSelector('g[data-node="s:clicks"]');
  // No form carries a constraint the browser would enforce (the ranges stay as hints).
  const ids = await page.$$eval('button.tab', (els) => els.map((e) => e.dataset.form));
  for (const id of ids) {
    await openTab(page, id);
    const blocking = await page.$eval(`form[data-call="${id}"]`, (f) => ({
      novalidate: f.noValidate,
      constrained: [...f.querySelectorAll('input, select, textarea')]
        .filter((el) => el.type === 'number' || ['min', 'max', 'required', 'pattern', 'step', 'maxlength'].some((a) => el.hasAttribute(a)))
        .map((el) => el.name),
      hints: [...f.querySelectorAll('input.num')].map((el) => el.placeholder),
    }));
    assert(blocking.novalidate && blocking.constrained.length === 0, `${id}: ${JSON.stringify(blocking)}`);
  }
  const cases = [
    ['sqs.SendMessage', { QueueUrl: 'orders', DelaySeconds: '901' }, 'InvalidParameterValue: Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.'],
    ['sqs.ReceiveMessage', { QueueUrl: 'orders', MaxNumberOfMessages: '11' }, 'InvalidParameterValue: Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.'],
    ['sqs.ReceiveMessage', { QueueUrl: 'orders', MaxNumberOfMessages: '1', WaitTimeSeconds: '21' }, 'for parameter WaitTimeSeconds is invalid'],
    ['sqs.ReceiveMessage', { QueueUrl: 'orders', WaitTimeSeconds: 'ten' }, 'SerializationException'],
    ['sqs.CreateQueue', { QueueName: 'slow', VisibilityTimeout: '50000' }, 'InvalidAttributeValue: Invalid value for the parameter VisibilityTimeout.'],
    ['sqs.SetQueueAttributes', { QueueUrl: 'orders', DelaySeconds: '-1' }, 'InvalidAttributeValue: Invalid value for the parameter DelaySeconds.'],
    ['kinesis.CreateStream', { StreamName: 'none', ShardCount: '0' }, "ValidationException: 1 validation error detected: Value '0' at 'shardCount' failed to satisfy constraint: Member must have value greater than or equal to 1"],
  ];
  for (const [id, fields, want] of cases) {
    await submit(page, id, fields);
    await page.waitForFunction((w) => (document.querySelector('.flash.error')?.textContent || '').includes(w), want);
  }
  // The answer is the engine's: the call is in the log as an error, and the hint stays visible.
  assert(await page.isVisible('.events li.call.error'), 'the failed call is in the event log');
  await openTab(page, 'sqs.SendMessage');
  assert((await page.getAttribute('form[data-call="sqs.SendMessage"] [name="DelaySeconds"]', 'placeholder')) === '0–900 s', 'range hint kept');
});

test('what a learner types into a form survives the re-renders of a playing simulation', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await openTab(page, 'sqs.SendMessage');
  const f = 'form[data-call="sqs.SendMessage"]';
  await page.fill(`${f} [name="MessageGroupId"]`, 'alice');
  await page.fill(`${f} [name="DelaySeconds"]`, '7');
  await page.fill(`${f} [name="MessageBody"]`, 'typed while playing');
  await page.click('button.speed:has-text("60×")');
  await page.click('button.play');
  await page.waitForFunction(() => DecoupleLab.main.state().elapsed > 20000);
  await page.click('button.play');
  const v = await page.$eval(f, (form) => ['MessageGroupId', 'DelaySeconds', 'MessageBody'].map((n) => form.querySelector(`[name="${n}"]`).value));
  assert(JSON.stringify(v) === JSON.stringify(['alice', '7', 'typed while playing']), `kept: ${v}`);
  // Defaults still start each form: CreateQueue's VisibilityTimeout, Subscribe's Policy box.
  await openTab(page, 'sqs.CreateQueue');
  assert((await page.inputValue('form[data-call="sqs.CreateQueue"] [name="VisibilityTimeout"]')) === '30', 'default value');
  await openTab(page, 'sns.Subscribe');
  assert(await page.isChecked('form[data-call="sns.Subscribe"] [name="AllowInQueuePolicy"]'), 'default checked');
});

test('paused: a click says time is paused, and the gate shows the publication waiting for its fan-out', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'red-orders');
  await submit(page, 'sns.CreateTopic', { Name: 'orders' });
  await page.waitForSelector('g[data-node^="t:"]');
  await submit(page, 'sqs.SetQueueAttributes', { QueueUrl: 'red-orders', PolicyForTopic: 'orders' });
  await openTab(page, 'sns.Subscribe');
  await page.selectOption('form[data-call="sns.Subscribe"] [name=Endpoint]', { label: 'sqs: red-orders' });
  await page.fill('form[data-call="sns.Subscribe"] [name=FilterPolicy]', '{"color": ["red"]}');
  await page.click('form[data-call="sns.Subscribe"] button[type=submit]');
  await page.waitForSelector('g.gate.filtered');
  assert(!(await state(page)).playing, 'time starts paused');
  await submit(page, 'sns.Publish', { Message: 'red shoes', MessageAttributes: '{"color": "red"}' });
  // At once, near the time controls and under the call's answer: time is paused.
  await page.waitForSelector('.timebar .paused-hint');
  assert((await page.textContent('.timebar .paused-hint')).includes('press Play or Step'), 'the hint names Play and Step');
  assert((await flash(page)).includes('press Play or Step'), `the answer repeats it: ${await flash(page)}`);
  // The gate's inspector shows the publication, waiting for SNS to fan it out: never "none published".
  await page.click('g.gate.filtered');
  await page.waitForSelector('.inspector .explanation.pending');
  let why = await page.textContent('.inspector .why');
  assert(why.includes('red shoes') && why.includes('100 ms later'), `pending publication: ${why}`);
  assert(!why.includes('No message has been published'), `not "none published": ${why}`);
  // Step: the fan-out happens, the hint goes, the explanation replaces the wait.
  await page.click('button.step');
  await page.waitForSelector('.inspector .explanation:not(.pending)');
  why = await page.textContent('.inspector .why');
  assert(why.includes('red shoes') && !why.includes('100 ms later'), `explained: ${why}`);
  assert(!(await page.isVisible('.timebar .paused-hint')), 'the hint goes once time moved');
  // A refused call set nothing in motion: no hint.
  await submit(page, 'sqs.CreateQueue', { QueueName: 'bad name!' });
  await page.waitForSelector('.flash.error');
  assert(!(await flash(page)).includes('press Play') && !(await page.isVisible('.timebar .paused-hint')), `no hint after an error: ${await flash(page)}`);
  // Korean too.
  await page.click('button.lang-toggle');
  await submit(page, 'sns.Publish', { Message: 'blue hat', MessageAttributes: '{"color": "blue"}' });
  await page.waitForSelector('.timebar .paused-hint');
  assert((await page.textContent('.timebar .paused-hint')).includes('재생'), 'Korean hint');
});

test('phone: a finger drags a node and pans the topology inside its panel', async ({ browser, url }) => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sns.CreateTopic', { Name: 'news' });
  await page.waitForSelector('g[data-node^="t:"]');
  const cdp = await ctx.newCDPSession(page);
  const touch = async (type, x, y) => cdp.send('Input.dispatchTouchEvent',
    { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y, id: 1 }] });
  const swipe = async (x, y, dx, dy) => {
    await touch('touchStart', x, y);
    for (let i = 1; i <= 8; i++) await touch('touchMove', x + (dx * i) / 8, y + (dy * i) / 8);
    await touch('touchEnd');
  };
  const where = () => page.evaluate(() => {
    const svg = document.querySelector('svg.canvas').getBoundingClientRect();
    const n = document.querySelector('g[data-node="q:orders"] rect').getBoundingClientRect();
    return { x: n.left - svg.left, y: n.top - svg.top, cx: n.left + n.width / 2, cy: n.top + 12,
      scroll: document.querySelector('.stage').scrollLeft, visible: n.left >= 0 && n.left + 20 < innerWidth };
  });
  await page.evaluate(() => document.querySelector('g[data-node="q:orders"]').scrollIntoView({ block: 'center', inline: 'nearest' }));
  const before = await where();
  assert(before.visible, `the queue is on screen: ${JSON.stringify(before)}`);
  await swipe(before.cx, before.cy, 40, 50);
  const after = await where();
  assert(after.x - before.x > 30 && after.y - before.y > 30, `the queue moved with the finger: ${JSON.stringify({ before, after })}`);
  // A finger on the background pans the panel (the topology is wider than a phone).
  const bg = await page.evaluate(() => {
    const s = document.querySelector('.stage').getBoundingClientRect();
    return { x: s.left + s.width - 30, y: s.top + 8 };
  });
  await page.evaluate(() => { document.querySelector('.stage').scrollLeft = 0; });
  await swipe(bg.x, bg.y, -120, 0);
  const scrolled = await page.evaluate(() => document.querySelector('.stage').scrollLeft);
  assert(scrolled > 60, `the panel panned: scrollLeft ${scrolled}`);
  await ctx.close();
});

test('what a learner types into the scenario lines survives the re-renders of a playing simulation', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await page.click('button.speed:has-text("60×")');
  await page.click('button.play');
  const typed = '{"call":"sqs.CreateQueue","input":{"QueueName":"typed"}}\n{"advance_ms":5000}';
  await page.fill('.scenario textarea.lines', typed);
  await page.waitForFunction(() => DecoupleLab.main.state().elapsed > 20000);
  assert((await page.inputValue('.scenario textarea.lines')) === typed, `kept while playing: ${await page.inputValue('.scenario textarea.lines')}`);
  assert(await page.isVisible('.scenario .edited-hint'), 'the panel says the lines are edited');
  await page.click('button.play');
  await page.click('.scenario button.load');
  await page.waitForSelector('g[data-node="q:typed"]');
  assert(!(await page.$('g[data-node="q:orders"]')), 'the loaded scenario replaced the old one');
  const shown = await page.inputValue('.scenario textarea.lines');
  assert(shown.includes('"typed"') && !(await page.isVisible('.scenario .edited-hint')), `the lines are the loaded scenario's: ${shown}`);
});

test('SNS fan-out by clicks: the queue Policy, a filter policy passes one message and bounces the other with its explanation', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'red-orders');
  await submit(page, 'sns.CreateTopic', { Name: 'orders' });
  await page.waitForSelector('g[data-node^="t:"]');
  // AWS delivers to a queue only if the queue's Policy lets sns.amazonaws.com SendMessage
  // (aws:SourceArn = the topic): set it by clicks.
  await submit(page, 'sqs.SetQueueAttributes', { QueueUrl: 'red-orders', PolicyForTopic: 'orders' });
  assert((await flash(page)).includes('sqs.SetQueueAttributes'), `policy set: ${await flash(page)}`);
  let s = await state(page);
  const policy = JSON.parse(s.queues['red-orders'].attributes.Policy || '{}');
  assert(policy.Statement && policy.Statement[0].Principal.Service === 'sns.amazonaws.com', `Policy: ${JSON.stringify(policy)}`);
  await openTab(page, 'sns.Subscribe');
  await page.selectOption('form[data-call="sns.Subscribe"] [name=Endpoint]', { label: 'sqs: red-orders' });
  const policyField = 'form[data-call="sns.Subscribe"] [name=FilterPolicy]';
  await page.fill(policyField, '{"color": ["red"');
  assert(await page.isVisible('textarea.json.invalid'), 'invalid JSON flagged while typing');
  await page.fill(policyField, '{"color": ["red"]}');
  assert(await page.isVisible('textarea.json.valid'), 'valid JSON accepted');
  await page.click('form[data-call="sns.Subscribe"] button[type=submit]');
  await page.waitForSelector('g.gate.filtered');
  s = await state(page);
  assert(s.subscriptions.length === 1 && s.subscriptions[0].filterPolicy.includes('red'), `subscription: ${JSON.stringify(s.subscriptions)}`);
  await submit(page, 'sns.Publish', { Message: 'red shoes', MessageAttributes: '{"color": "red"}' });
  await submit(page, 'sns.Publish', { Message: 'blue hat', MessageAttributes: '{"color": "blue"}' });
  await page.click('button.step');
  // The filtered copy flies to the gate and bounces back (a transient chip).
  const bounced = await page.waitForSelector('.chips g.chip.flight.bounced', { state: 'attached', timeout: 3000 }).then(() => true, () => false);
  await page.screenshot({ path: join(shots, 'sns-filter.png') });
  await page.waitForSelector('.chips g.chip.waiting');
  s = await state(page);
  assert(s.queues['red-orders'].waiting === 1, `one message passed: ${JSON.stringify(s.queues['red-orders'])}`);
  const log = await logShows(page, 'NotificationFilteredOut', 'NotificationDelivered');
  assert(!log.includes('NotificationDeliveryFailed'), 'no delivery was refused');
  assert(bounced || (await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)), 'a chip bounced at the gate');
  // The chip in the queue is the red one.
  await page.click('.chips g.chip.waiting');
  const body = await page.textContent('.inspector pre.body');
  assert(body.includes('red shoes'), `delivered body: ${body}`);
  assert(await page.isVisible('.inspector .sns-body'), 'the inspector says SQS holds the SNS envelope');
  // ReceiveMessage answers the body as SQS stores it: the SNS JSON envelope around the Message.
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'red-orders' });
  await page.click('.chips g.chip.inflight');
  const stored = JSON.parse(await page.textContent('.inspector pre.body'));
  assert(stored.Type === 'Notification' && stored.Message === 'red shoes' && stored.TopicArn.endsWith(':orders'), `stored body: ${JSON.stringify(stored)}`);
  // The gate explains why blue hat was filtered out.
  await page.click('g.gate.filtered');
  const why = await page.textContent('.inspector');
  assert(why.includes('Filter policy evaluation') && why.includes('color') && why.includes('blue'), `explanation: ${why.slice(0, 400)}`);
  await page.screenshot({ path: join(shots, 'sns-explanation.png') });
});

test('filter-policy editor: SNS\'s own rules as you type, for the scope chosen; a malformed policy or queue Policy gets AWS\'s answer', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sns.CreateTopic', { Name: 'events' });
  await openTab(page, 'sns.Subscribe');
  const form = 'form[data-call="sns.Subscribe"]';
  const field = `${form} [name=FilterPolicy]`;
  const says = () => page.textContent(`${form} .validation`);
  await page.click(field);
  await page.keyboard.type('{"price": [{"numeric": [">", "ten"]}]}');
  let v = await says();
  assert(await page.isVisible('textarea.json.invalid') && v.startsWith('✗ not a valid filter policy: InvalidParameter: Invalid parameter: Attributes Reason: FilterPolicy:'), `JSON but not a policy: ${v}`);
  // Nested keys are a body policy: flagged for MessageAttributes, fine once the scope is MessageBody.
  await page.fill(field, '');
  await page.click(field);
  await page.keyboard.type('{"order": {"color": ["red"]}}');
  assert(await page.isVisible('textarea.json.invalid'), `nested under MessageAttributes: ${await says()}`);
  await page.selectOption(`${form} [name=FilterPolicyScope]`, 'MessageBody');
  await page.waitForSelector('textarea.json.valid');
  assert((await says()).trim() === '✓ valid filter policy', await says());
  // Malformed JSON is sent as typed, and SNS answers it.
  await page.fill(field, '{"color": ["red"');
  await page.click(`${form} button[type=submit]`);
  await page.waitForFunction(() => (document.querySelector('.flash.error')?.textContent || '').includes('InvalidParameter: Invalid parameter: Attributes Reason: FilterPolicy: failed to parse JSON.'));
  await submit(page, 'sqs.SetQueueAttributes', { QueueUrl: 'orders', Policy: '{"Version": ' });
  await page.waitForFunction(() => (document.querySelector('.flash.error')?.textContent || '').includes('InvalidAttributeValue: Invalid value for the parameter Policy.'));
  const s = await state(page);
  assert(s.subscriptions.length === 0, `no subscription: ${JSON.stringify(s.subscriptions)}`);
});

test('a long message body scrolls inside the inspector: the "why" stays in view, and the body is reachable with Tab', async ({ page, url }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  const body = Array.from({ length: 120 }, (_, i) => `line ${i + 1} of a long order payload`).join('\n');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: body });
  await page.click('.chips g.chip.waiting');
  const pre = '.inspector .message pre.body';
  await page.waitForSelector(pre);
  const box = await page.$eval(pre, (el) => ({ h: el.clientHeight, sh: el.scrollHeight, tab: el.tabIndex }));
  assert(box.h < 260 && box.sh > box.h * 5 && box.tab === 0, `body box: ${JSON.stringify(box)}`);
  assert((await page.textContent(pre)) === body, 'the whole body is there');
  const why = await page.locator('.inspector .why').boundingBox();
  assert(why && why.y + why.height <= 720, `the "why" is in view: ${JSON.stringify(why)}`);
  await page.focus(pre);
  await page.keyboard.press('PageDown');
  await page.waitForTimeout(300);
  assert((await page.$eval(pre, (el) => el.scrollTop)) > 0, 'the body scrolls from the keyboard');
});

test('a message body of <img src=x onerror=alert(1)> is rendered as text', async ({ page, url }) => {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; d.dismiss(); });
  await page.goto(url + '/index.html');
  await createQueue(page, 'xss');
  const body = '<img src=x onerror=alert(1)>';
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'xss', MessageBody: body });
  await page.waitForSelector('.chips g.chip.waiting');
  await page.click('.chips g.chip.waiting');
  const shown = await page.textContent('.inspector pre.body');
  assert(shown === body, `shown as text: ${shown}`);
  assert((await page.$$('img')).length === 0, 'no img element was created');
  await page.waitForTimeout(200);
  assert(dialogs === 0, 'no alert ran');
});

test('Copy share link copies the link and says so beside the button; without a clipboard it says where the link is', async ({ page, url, context, browser }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await page.click('button.share');
  await page.waitForSelector('.scenario .share-status');
  assert((await page.textContent('.scenario .share-status')) === 'Link copied: opening it reproduces this scenario.', await page.textContent('.scenario .share-status'));
  const [clip, href] = await page.evaluate(async () => [await navigator.clipboard.readText(), location.href]);
  assert(clip === href && href.includes('#s='), `clipboard: ${clip} vs ${href}`);
  // The note is for the scenario it was copied with.
  await createQueue(page, 'jobs');
  assert(!(await page.$('.scenario .share-status')), 'a changed scenario drops the note');
  const other = await browser.newContext();
  const bare = await other.newPage();
  await bare.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await bare.goto(url + '/index.html?lang=ko');
  await bare.waitForSelector('.canvas');
  await bare.click('button.share');
  await bare.waitForSelector('.scenario .share-status');
  assert((await bare.textContent('.scenario .share-status')) === '브라우저가 복사를 허용하지 않았습니다: 링크는 주소창에 있습니다.', await bare.textContent('.scenario .share-status'));
  await other.close();
});

test('scrub back over history, then the share URL reloads the same state', async ({ page, url, context }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'q', { VisibilityTimeout: '10' });
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'q', MessageBody: 'a' });
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'q', MessageBody: 'b' });
  await page.click('button.step');
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'q' });
  await page.click('button.step');
  await page.click('button.step');
  let s = await state(page);
  assert(s.queues.q.inFlight === 1 && s.elapsed === 3000, JSON.stringify(s.queues.q));
  await page.evaluate(() => DecoupleLab.main.seek(500)); // before the receive
  s = await state(page);
  assert(s.queues.q.inFlight === 0 && s.queues.q.waiting === 2, `scrubbed back: ${JSON.stringify(s.queues.q)}`);
  await page.waitForFunction(() => document.querySelectorAll('.chips g.chip.waiting').length === 2);
  await page.evaluate(() => DecoupleLab.main.seek(3000));
  const before = await state(page);
  await page.click('button.share');
  const shareUrl = page.url();
  assert(shareUrl.includes('#s='), `share url: ${shareUrl}`);
  const other = await context.newPage();
  await other.goto(shareUrl);
  await other.waitForSelector('g[data-node="q:q"]');
  const after = await state(other);
  assert(JSON.stringify(after) === JSON.stringify(before), `same state:\n${JSON.stringify(before)}\n${JSON.stringify(after)}`);
  await other.close();
});

test('Kinesis by clicks: records in shard lanes, partition key → MD5 → shard, split a shard', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '2' });
  await page.waitForSelector('g[data-node="s:clicks"]');
  await page.click('button.step');
  await submit(page, 'kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: 'user-1', Data: 'click' });
  await submit(page, 'kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: 'user-2', Data: 'click' });
  await page.waitForSelector('g.record');
  assert((await page.$$('g.lane')).length === 2, 'two shard lanes');
  await page.click('g.record');
  const why = await page.textContent('.inspector .why.hash');
  assert(why.includes('MD5') && /shardId-00000000000[01]/.test(why), `hash explanation: ${why}`);
  // user-1: MD5 7e2b8b0c… → hash key → the shard whose HashKeyRange holds it
  await submit(page, 'kinesis.SplitShard', { StreamName: 'clicks' });
  const f = await flash(page);
  assert(f.includes('kinesis.SplitShard'), `split: ${f}`);
  await page.click('button.step');
  await page.waitForFunction(() => document.querySelectorAll('g.lane').length === 4);
  assert((await page.$$('g.lane.closed')).length === 1, 'the parent shard is closed');
  await logShows(page, 'ShardSplit');
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(shots, 'kinesis.png') });
});

test('a Kinesis record\'s inspector shows its Data as the text put, beside the base64', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '1' });
  await page.click('button.step');
  await submit(page, 'kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: 'user-1', Data: 'hello 한글' });
  await page.click('g.record');
  await page.waitForSelector('.inspector .record-info');
  const rows = await page.$$eval('.inspector .record-info dt', (dts) => dts.map((dt) => `${dt.textContent}=${dt.nextElementSibling.textContent}`));
  assert(rows.includes('Data=hello 한글') && rows.includes('Data (base64)=aGVsbG8g7ZWc6riA'), JSON.stringify(rows));
});

test('Firehose by clicks: the buffer fills, then flushes into an S3 object', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 's3.CreateBucket', { Bucket: 'archive' });
  await submit(page, 'firehose.CreateDeliveryStream', { DeliveryStreamName: 'to-s3', BucketARN: 'archive', IntervalInSeconds: '60' });
  await page.waitForSelector('g[data-node="f:to-s3"]');
  await page.click('button.step');
  // Empty, the buffer waits: no countdown until a record arrives.
  assert((await page.textContent('g[data-node="f:to-s3"]')).includes('empty · waiting for a record'), 'idle buffer');
  await submit(page, 'firehose.PutRecord', { DeliveryStreamName: 'to-s3', Data: '{"click":1}' });
  await page.waitForFunction(() => /flush in \d/.test(document.querySelector('g[data-node="f:to-s3"]').textContent));
  await page.waitForFunction(() => /buffer 1[0-9] B/.test(document.querySelector('g[data-node="f:to-s3"]').textContent));
  const archived = () => page.$eval('g[data-node="b:archive"]', (g) => /archive · 1/.test(g.textContent));
  for (let i = 0; i < 5 && !(await archived()); i++) await page.click('button.next');
  await logShows(page, 'BufferFlushed');
  await page.waitForFunction(() => /archive · 1/.test(document.querySelector('g[data-node="b:archive"]').textContent));
  await page.screenshot({ path: join(shots, 'firehose.png') });
});

test('script editor: step shows the current line, run marks an error inline', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  const script = [
    '# a stream and two records',
    'aws kinesis create-stream --stream-name clicks --shard-count 2',
    'sleep 1',
    'aws kinesis put-record --stream-name clicks --partition-key user-1 --data aGk=',
    'aws kinesis no-such-command',
  ].join('\n');
  await page.fill('.script textarea.code', script);
  assert(await page.isVisible('.highlight .keyword'), 'syntax colours');
  await page.click('button.script-step');
  await page.waitForSelector('g[data-node="s:clicks"]');
  assert((await page.textContent('.code-line.current .gutter')) === '3', 'line 3 is next');
  await page.click('button.script-run');
  await page.waitForSelector('.code-line.has-error');
  assert((await page.textContent('.code-line.has-error .gutter')) === '5', 'error on line 5');
  assert((await page.textContent('.script-messages')).includes('5:'), 'message names the line');
  await page.waitForSelector('.script-at.done');
  assert((await page.textContent('.script-at.done')) === 'script finished with 1 error' && await page.isVisible('.script-at.with-errors'), `the status says an error happened: ${await page.textContent('.script-at.done')}`);
  await page.waitForSelector('g.record');
  await page.screenshot({ path: join(shots, 'script.png') });
});

test('examples menu: every example is listed; one loads into the editor, plays with animation and passes its checks; the URL reproduces it', async ({ page, url, context }) => {
  await page.goto(url + '/index.html');
  await page.waitForSelector('.script select.examples');
  const options = await page.$$eval('.script select.examples option:not([disabled])', (els) => els.map((e) => [e.value, e.textContent]));
  assert(options.length >= 10, `examples listed: ${JSON.stringify(options)}`);
  assert(options.some(([v, t]) => v === 'fan-out' && t.startsWith('Fan-out: one orders topic')), `titles from the header: ${JSON.stringify(options)}`);
  await page.selectOption('.script select.examples', 'fan-out');
  const text = await page.inputValue('.script textarea.code');
  assert(text.startsWith('# Title: Fan-out'), `editor holds the example: ${text.slice(0, 60)}`);
  assert((await page.getAttribute('button.script-play', 'aria-pressed')) === 'true', 'the script plays');
  // While it plays, the line being run is highlighted and chips move.
  await page.waitForSelector('.code-line.current');
  await page.waitForSelector('g[data-node="q:shipping"]', { timeout: 15000 });
  await page.waitForSelector('.chips g.chip.flight', { state: 'attached', timeout: 15000 });
  const mid = await state(page);
  assert(mid.elapsed < 12000, `still playing in real time: ${mid.elapsed}`);
  await page.screenshot({ path: join(shots, 'example-playing.png') });
  await page.click('button.speed:has-text("60×")');
  await page.waitForSelector('.script-at.done', { timeout: 30000 });
  assert((await page.$$('.code-line.has-error')).length === 0, 'no errors');
  const checks = await page.$$eval('.script-messages li.ok', (els) => els.map((e) => e.textContent));
  assert(checks.length === 4, `the example's four checks passed: ${JSON.stringify(checks)}`);
  const s = await state(page);
  assert(s.queues.shipping.waiting === 10 && s.queues.fraud.waiting === 9 && s.queues.fraud.inFlight === 1, `queues: ${JSON.stringify({ shipping: s.queues.shipping.waiting, fraud: [s.queues.fraud.waiting, s.queues.fraud.inFlight] })}`);
  await page.screenshot({ path: join(shots, 'example-done.png') });
  // The URL now holds the script: a new tab shows the same script and state.
  const shareUrl = page.url();
  assert(shareUrl.includes('#s='), `share url: ${shareUrl}`);
  const other = await context.newPage();
  await other.goto(shareUrl);
  await other.waitForSelector('g[data-node="q:shipping"]');
  assert((await other.inputValue('.script textarea.code')) === text, 'same script in the editor');
  assert((await other.inputValue('.script select.examples')) === 'fan-out', 'the menu names the example');
  const again = { ...(await state(other)), speed: s.speed };
  assert(JSON.stringify(again) === JSON.stringify(s), `same state:\n${JSON.stringify(s)}\n${JSON.stringify(again)}`);
  await other.close();
});

test('script play: the event log, the clock and the animation agree while playing, paused and stepping', async ({ page, url }) => {
  await page.goto(url + '/index.html#example=fan-out');
  await page.waitForSelector('.canvas');
  // Every frame: the clock, the newest log entry shown, and the chips in the air.
  await page.evaluate(() => {
    const ms = (t) => { const m = (t || '').match(/\+(?:(\d+)h )?(?:(\d+)m )?(\d+)[.](\d+) ?s/); return m ? (((+(m[1] || 0)) * 60 + (+(m[2] || 0))) * 60 + (+m[3])) * 1000 + (+m[4]) : null; };
    const w = (window.__sync = { frames: 0, ahead: [], early: [], lags: [], seen: new Map() });
    const frame = () => {
      const clock = ms(document.querySelector('.timebar .vclock')?.textContent);
      const items = [...document.querySelectorAll('.events li')];
      const newest = items.length ? Math.max(...items.map((li) => +li.dataset.n)) : -1;
      const at = items.length ? ms(items[0].querySelector('.at').textContent) : null;
      if (at !== null && clock !== null && at > clock) w.ahead.push({ at, clock });
      const flights = [...document.querySelectorAll('.chips g.chip.flight')];
      const from = Math.min(...flights.map((f) => +f.dataset.logFrom));
      if (newest >= from) w.early.push({ newest, from, clock });
      for (const f of flights) if (!w.seen.has(f)) w.seen.set(f, clock);
      for (const [f, t0] of w.seen) if (!f.isConnected) { w.lags.push(clock - t0); w.seen.delete(f); }
      w.frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
  // Playing: the publishes fly through the filter gates into both queues.
  await page.waitForFunction(() => window.__sync.lags.length >= 12, null, { timeout: 60000 });
  // Pause while a chip is in the air: it lands at once and the log shows everything up to the clock.
  await page.waitForFunction(() => document.querySelector('.chips g.chip.flight'));
  await page.click('button.play');
  await page.waitForFunction(() => !document.querySelector('.chips g.chip.flight')
    && document.querySelectorAll('.events li').length === Math.min(80, DecoupleLab.main.state().events));
  const paused = await page.textContent('.timebar .vclock');
  // Step: one virtual second; the log catches up once its animations have played.
  await page.click('button.step');
  await page.waitForFunction(() => document.querySelectorAll('.events li').length === Math.min(80, DecoupleLab.main.state().events)
    && !document.querySelector('.chips g.chip.flight'));
  assert((await page.textContent('.timebar .vclock')) !== paused, 'the step moved the clock');
  const w = await page.evaluate(() => ({ frames: window.__sync.frames, ahead: window.__sync.ahead, early: window.__sync.early, lags: window.__sync.lags }));
  assert(w.ahead.length === 0, `log entries after the clock: ${JSON.stringify(w.ahead.slice(0, 5))}`);
  assert(w.early.length === 0, `log entries shown while their chip was in the air: ${JSON.stringify(w.early.slice(0, 5))}`);
  const worst = Math.max(...w.lags);
  assert(worst <= 3000 + 250, `a flight outlived its event by ${worst} virtual ms (${w.lags.length} flights, ${w.frames} frames)`);
});

test('examples menu: #example=NAME links play an example; titles in Korean', async ({ page, url }) => {
  await page.goto(url + '/index.html?lang=ko#example=queue-buffer');
  await page.waitForSelector('.script select.examples');
  assert((await page.inputValue('.script textarea.code')).startsWith('# Title: The queue as a buffer'), 'example loaded');
  assert((await page.inputValue('.script select.examples')) === 'queue-buffer', 'menu shows it');
  const ko = await page.textContent('.script select.examples option[value="queue-buffer"]');
  assert(ko.includes('대기열'), `Korean title: ${ko}`);
  await page.waitForSelector('g[data-node="q:orders"]', { timeout: 15000 });
  assert(page.url().includes('#s='), `URL reflects the script: ${page.url()}`);
  await page.click('button.play'); // pause
  const t1 = (await state(page)).elapsed;
  await page.waitForTimeout(400);
  assert((await state(page)).elapsed === t1, 'paused');
});

test('Kinesis consumers by clicks: GetShardIterator + GetRecords, each reader\'s position on the shard lane', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '1' });
  await page.waitForSelector('g[data-node="s:clicks"]');
  await page.click('button.step');
  for (const k of ['a', 'b', 'c']) await submit(page, 'kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: k, Data: `click ${k}` });
  await page.waitForFunction(() => document.querySelectorAll('g.record').length === 3);
  await submit(page, 'kinesis.GetShardIterator', { StreamName: 'clicks', ShardIteratorType: 'TRIM_HORIZON' });
  assert((await flash(page)).includes('kinesis.GetShardIterator'), await flash(page));
  await page.waitForSelector('g.reader[data-reader="reader 1"]');
  await submit(page, 'kinesis.GetRecords', { Limit: '2' });
  assert((await flash(page)).includes('kinesis.GetRecords'), await flash(page));
  await page.waitForFunction(() => document.querySelectorAll('g.record.read').length === 2);
  // A second consumer starts at LATEST: its marker sits after the last record.
  await submit(page, 'kinesis.GetShardIterator', { StreamName: 'clicks', ShardIteratorType: 'LATEST' });
  await page.waitForSelector('g.reader[data-reader="reader 2"]');
  const xs = await page.$$eval('g.reader line', (ls) => ls.map((l) => Number(l.getAttribute('x1'))));
  assert(xs.length === 2 && xs[1] > xs[0], `reader 2 is ahead of reader 1: ${xs}`);
  await page.click('g[data-node="kc:clicks"]');
  const info = await page.textContent('.inspector .readers');
  assert(info.includes('Reader 1') && info.includes('TRIM_HORIZON') && info.includes('LATEST') && info.includes('MillisBehindLatest'), `readers: ${info}`);
  await page.screenshot({ path: join(shots, 'kinesis-readers.png') });
});

test('GetShardIterator AT_TIMESTAMP by clicks takes ISO 8601 as the AWS CLI does; a malformed time gets the engine\'s answer', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '1' });
  await page.click('button.step');
  await submit(page, 'kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: 'k', Data: 'first' });
  await submit(page, 'kinesis.GetShardIterator', { StreamName: 'clicks', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: '2024-01-01T00:00:00Z' });
  assert((await flash(page)).startsWith('OK kinesis.GetShardIterator'), await flash(page));
  await submit(page, 'kinesis.GetRecords', {});
  assert((await flash(page)).startsWith('OK kinesis.GetRecords'), await flash(page));
  const reader = await page.$eval('form[data-call="kinesis.GetRecords"] [name=ShardIterator]', (s) => s.selectedOptions[0].textContent);
  assert(reader.endsWith('(Records read: 1)'), `the record put after 00:00:00 is read: ${reader}`);
  await submit(page, 'kinesis.GetShardIterator', { StreamName: 'clicks', ShardIteratorType: 'AT_TIMESTAMP', Timestamp: 'yesterday' });
  const f = await flash(page);
  assert(f === 'Error SerializationException: class java.lang.String can not be converted to milliseconds since epoch', `the engine answers: ${f}`);
});

test('script actors on a stream: a kinesis-consumer and a Lambda event source mapping show their positions, labelled with their names, moving as they read', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  const script = [
    'aws kinesis create-stream --stream-name clicks --shard-count 1',
    'sleep 1',
    "producer shop every 1s count 8: aws kinesis put-record --stream-name clicks --partition-key k --data 'click {{seq}}' --cli-binary-format raw-in-base64-out",
    'kinesis-consumer ingest on clicks from TRIM_HORIZON',
    'sleep 4500ms',
    'lambda archiver on clicks from LATEST batch 2',
    'sleep 8',
  ].join('\n');
  await page.fill('.script textarea.code', script);
  await page.click('button.script-play');
  const marker = 'g.reader[data-reader="ingest"]';
  await page.waitForSelector(marker, { timeout: 15000 });
  assert((await page.textContent(`${marker} text`)) === 'ingest', 'the marker is labelled with the actor name');
  const x = () => page.$eval(`${marker} line`, (l) => Number(l.getAttribute('x1')));
  const x0 = await x();
  await page.waitForFunction(([sel, x0]) => Number(document.querySelector(sel).getAttribute('x1')) > x0, [`${marker} line`, x0], { timeout: 15000 });
  const x1 = await x();
  assert(x1 > x0, `the marker moved: ${x0} → ${x1}`);
  // The Lambda mapping starts at LATEST: its marker appears at the end of what is there.
  await page.waitForSelector('g.reader[data-reader="archiver"]', { timeout: 15000 });
  await page.locator('.stage').screenshot({ path: join(shots, 'script-readers.png') });
  await page.click('button.speed:has-text("60×")');
  await page.waitForSelector('.script-at.done', { timeout: 30000 });
  const s = await state(page);
  const readers = s.streams[0].readers;
  const ingest = readers.find((r) => r.name === 'ingest'), archiver = readers.find((r) => r.name === 'archiver');
  assert(ingest && ingest.read === 8 && archiver && archiver.read >= 2 && archiver.read < 8, `readers: ${JSON.stringify(readers)}`);
  assert(ingest.position === archiver.position, `both read to the last record: ${JSON.stringify(readers)}`);
  assert((await page.$$('g.record.read')).length === 8, 'every record is marked read');
  await page.click('g[data-node="kc:clicks"]');
  const info = await page.textContent('.inspector .readers');
  assert(info.includes('ingest') && info.includes('TRIM_HORIZON') && info.includes('archiver') && info.includes('LATEST'), `readers: ${info}`);
  assert((await page.textContent('g[data-node="kc:clicks"]')).includes('2 readers'), 'the consumer box counts two readers');
  assert((await page.textContent('g[data-node="kc:clicks"] .title')) === 'ingest +1', 'the consumer box is named after its actors');
});

test('script consumers: a queue\'s consumer box carries the names of the script\'s consumers and Lambda functions, in English and Korean', async ({ page, url }) => {
  const title = () => page.textContent('g[data-node="c:orders"] .title');
  await page.goto(url + '/index.html');
  await page.fill('.script textarea.code', [
    'aws sqs create-queue --queue-name orders',
    'consumer worker on orders process 2s',
    'sleep 1',
  ].join('\n'));
  await page.click('button.script-run');
  await page.waitForSelector('.script-at.done');
  assert((await title()) === 'worker', `the consumer box is named after the actor: ${await title()}`);
  // A Lambda event source mapping on the queue joins it; a stopped consumer leaves it.
  await page.fill('.script textarea.code', [
    'aws sqs create-queue --queue-name orders',
    'consumer worker on orders',
    'lambda billing on orders batch 5',
    'sleep 1',
  ].join('\n'));
  await page.click('button.script-run');
  await page.waitForSelector('.script-at.done');
  assert((await title()) === 'worker +1', `the first name and how many more: ${await title()}`);
  assert((await page.textContent('g[data-node="c:orders"] > title')) === 'worker, billing', 'the tooltip names them all');
  await page.fill('.script textarea.code', [
    'aws sqs create-queue --queue-name orders',
    'consumer worker on orders',
    'lambda billing on orders',
    'sleep 1',
    'stop worker',
  ].join('\n'));
  await page.click('button.script-run');
  await page.waitForSelector('.script-at.done');
  assert((await title()) === 'billing', `the stopped consumer left: ${await title()}`);
  // The title fits its box, clear of the "in flight" label.
  const fits = await page.evaluate(() => {
    const g = document.querySelector('g[data-node="c:orders"]');
    const box = g.querySelector('rect').getBBox(), t = g.querySelector('.title').getBBox(), sub = g.querySelector('.sub').getBBox();
    return t.x + t.width <= sub.x && sub.x + sub.width <= box.x + box.width;
  });
  assert(fits, 'the names do not run into the "in flight" label');
  await page.fill('.script textarea.code', 'aws sqs create-queue --queue-name orders\nsleep 1');
  await page.click('button.script-run');
  await page.waitForSelector('.script-at.done');
  assert((await title()) === 'Consumer', `without script consumers it is the generic box: ${await title()}`);
  await page.goto(url + '/index.html?lang=ko');
  await page.fill('.script textarea.code', 'aws sqs create-queue --queue-name orders\nconsumer 작업자 on orders\nsleep 1');
  await page.click('button.script-run');
  await page.waitForSelector('.script-at.done');
  assert((await title()) === '작업자', `Korean: the actor's name: ${await title()}`);
  await page.fill('.script textarea.code', 'aws sqs create-queue --queue-name orders\nsleep 1');
  await page.click('button.script-run');
  await page.waitForSelector('.script-at.done');
  assert((await title()) === '소비자', `Korean generic box: ${await title()}`);
});

test('metrics panel: sparklines from cloudwatch.GetMetricStatistics (queue depth, shard write rate against its limit)', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  for (const b of ['a', 'b', 'c']) await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: b });
  await page.click('button.step');
  const depth = await page.textContent('tr[data-metric="ApproximateNumberOfMessagesVisible/orders"] .mval');
  assert(depth.trim() === '3', `queue depth: ${depth}`);
  assert((await page.$$('tr[data-metric="ApproximateNumberOfMessagesVisible/orders"] rect.bar')).length === 15, 'fifteen periods');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '1' });
  await page.click('button.step');
  await submit(page, 'kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: 'k', Data: 'x'.repeat(600) });
  await page.click('button.step');
  const rate = await page.textContent('tr[data-metric="IncomingBytes/clicks"] .mval');
  assert(/^10(\.0)? B\/s\d+% \/ 1\.0 MiB\/s$/.test(rate.trim()), `write rate against the 1 MiB/s shard limit: ${rate}`);
  assert((await page.$$('tr[data-metric="GetRecords.IteratorAgeMilliseconds/clicks"]')).length === 1, 'iterator age row');
  // The engine answers GetMetricStatistics itself, as the panel asks it.
  const direct = await page.evaluate(() => DecoupleLab.main.call('cloudwatch.GetMetricStatistics', { Namespace: 'AWS/SQS', MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: 'orders' }], StartTime: 1704067200, EndTime: 1704067320, Period: 60, Statistics: ['Maximum'] }));
  assert(direct.ok && direct.ok.Datapoints[0].Maximum === 3, JSON.stringify(direct));
  await page.locator('.metrics').screenshot({ path: join(shots, 'metrics.png') });
});

test('metrics: a gauge that went back to 0 reads 0 in the following minutes and in its number, as the canvas does', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: 'job' });
  await page.click('button.step');
  await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'orders' });
  await page.click('.chips g.chip.inflight');
  await page.click('button.delete-msg');
  await page.click('button.speed:has-text("1000×")');
  await page.click('button.play');
  await page.waitForFunction(() => DecoupleLab.main.state().elapsed > 200000);
  await page.click('button.play');
  const row = 'tr[data-metric="ApproximateNumberOfMessagesNotVisible/orders"]';
  const bars = (await page.getAttribute(`${row} td[role=img]`, 'aria-label')).split(', ');
  const s = await state(page);
  assert(s.queues.orders.inFlight === 0, JSON.stringify(s.queues.orders));
  assert(bars[0] === '1' || bars.includes('1'), `the minute of the receive shows 1: ${bars}`);
  assert(bars[bars.length - 1] === '0' && bars[bars.length - 2] === '0', `later minutes show 0: ${bars}`);
  assert((await page.textContent(`${row} .mval`)).trim() === '0', `number: ${await page.textContent(`${row} .mval`)}`);
});

test('scrub back within a script run: the past shows its line and state; playing on replays it', async ({ page, url }) => {
  await page.goto(url + '/index.html#example=queue-buffer');
  await page.waitForSelector('.script select.examples');
  await page.click('button.speed:has-text("1000×")');
  await page.waitForSelector('.script-at.done', { timeout: 30000 });
  const done = await state(page);
  assert(done.elapsed === 110000, `script ran to its end: ${done.elapsed}`);
  await page.evaluate(() => DecoupleLab.main.seek(5000));
  let s = await state(page);
  assert(s.elapsed === 5000 && s.end === 110000, `in the past: ${s.elapsed}/${s.end}`);
  const past = s.queues.orders.waiting + s.queues.orders.inFlight;
  assert(past > 10 && past < 30, `a burst half sent at 5 s: ${past}`);
  assert(await page.isVisible('.where.past'), 'the time bar says the view is in the past');
  assert((await page.textContent('.code-line.current')).includes('sleep 10'), 'the line running at 5 s is highlighted');
  await page.screenshot({ path: join(shots, 'script-scrubbed.png') });
  // The scrub bar goes there too.
  await page.$eval('.scrub', (el) => { el.value = '50000'; el.dispatchEvent(new Event('input', { bubbles: true })); });
  s = await state(page);
  assert(s.elapsed === 50000, `scrubbed: ${s.elapsed}`);
  await page.evaluate(() => DecoupleLab.main.seek(110000));
  s = await state(page);
  assert(JSON.stringify({ ...s, playing: done.playing }) === JSON.stringify(done), `back at the end, same state:\n${JSON.stringify(done)}\n${JSON.stringify(s)}`);
});

test('keyboard: every canvas node is focusable, Enter inspects it; the table view opens from the keyboard', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '2' });
  await page.click('button.step');
  const unfocusable = await page.$$eval('g.node[data-node]:not([tabindex])', (els) => els.map((e) => e.getAttribute('data-node')));
  assert(unfocusable.length === 0, `nodes without tabindex: ${unfocusable}`);
  await page.focus('g[data-node="q:orders"]');
  await page.keyboard.press('Enter');
  assert((await page.textContent('.inspector')).includes('orders'), 'Enter on a queue inspects it');
  await page.focus('g[data-node="s:clicks"]');
  await page.keyboard.press('Enter');
  assert((await page.textContent('.inspector')).includes('shardId-000000000001'), 'Enter on a stream inspects it');
  await page.focus('.table-view summary');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.table-view table.queues');
  const row = await page.textContent('.table-view table.queues');
  assert(row.includes('orders') && row.includes('Standard'), `table view: ${row}`);
  assert((await page.$$('.table-view table.shards tr')).length === 3, 'two shard rows');
  const heads = await page.$$eval('.table-view th[scope=col]', (ths) => ths.map((th) => th.textContent));
  const lower = heads.filter((h) => /^[a-z]/.test(h) && !['deadLetterTargetArn'].includes(h));
  assert(lower.length === 0, `column headings in sentence case (AWS names aside): ${lower} of ${heads}`);
  await page.screenshot({ path: join(shots, 'table-view.png') });
});

test('README screenshot: queues, FIFO lanes, a DLQ, topic gates, shards with readers, Firehose, metrics', async ({ browser, url }) => {
  const context = await browser.newContext({ viewport: { width: 1500, height: 980 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url + '/index.html');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  const answers = await readmeScene(page);
  assert(answers.length === 0, `scene calls: ${answers.join(' | ')}`);
  await submit(page, 'kinesis.GetShardIterator', { StreamName: 'clicks', ShardIteratorType: 'TRIM_HORIZON' });
  await submit(page, 'kinesis.GetRecords', { Limit: '4' });
  await submit(page, 'kinesis.GetShardIterator', { StreamName: 'clicks', ShardIteratorType: 'LATEST' });
  await page.click('button.step');
  await page.click('.chips g.chip.waiting');
  await page.waitForTimeout(800);
  await page.screenshot({ path: join(shots, 'readme.png') });
  assert(errors.length === 0, errors.join(' | '));
  await context.close();
});

test('delete by clicks: Unsubscribe, DeleteTopic, DeleteQueue and DeleteStream from the inspector', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sns.CreateTopic', { Name: 'events' });
  await submit(page, 'sns.Subscribe', { Endpoint: 'sqs: orders' });
  await page.waitForSelector('g.gate');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '1' });
  await page.click('button.step');
  await page.click('g.gate');
  // Styled as the app's other buttons (not the browser's grey default), in the error colour.
  const look = await page.$eval('button.delete-resource', (b) => {
    const cs = getComputedStyle(b);
    return `${cs.backgroundColor} ${cs.color} ${cs.borderTopColor} ${cs.borderTopLeftRadius}`;
  });
  assert(look === 'rgb(255, 255, 255) rgb(201, 42, 42) rgb(125, 134, 153) 6px', `delete button: ${look}`);
  await page.click('button.delete-resource:has-text("Unsubscribe")');
  await page.waitForFunction(() => !document.querySelector('g.gate'));
  await page.click('g[data-node^="t:"]');
  await page.click('button.delete-resource:has-text("DeleteTopic")');
  await page.waitForFunction(() => !document.querySelector('g[data-node^="t:"]'));
  await page.click('g[data-node="q:orders"] .title');
  await page.click('button.delete-resource:has-text("DeleteQueue")');
  await page.waitForFunction(() => !document.querySelector('g[data-node="q:orders"]'));
  await page.click('g[data-node="s:clicks"] .title');
  await page.click('button.delete-resource:has-text("DeleteStream")');
  assert((await flash(page)).includes('kinesis.DeleteStream'), await flash(page));
  for (let i = 0; i < 3 && (await page.$('g[data-node="s:clicks"]')); i++) await page.click('button.next');
  await page.waitForFunction(() => !document.querySelector('g[data-node="s:clicks"]'));
  await page.waitForFunction(() => /Unsubscribed|TopicDeleted/.test(document.querySelector('.events').textContent));
});

test('layout: usable at 1280×720 and on a tablet (no sideways scrolling, not even inside the canvas; controls reachable)', async ({ browser, url }) => {
  for (const viewport of [{ width: 1280, height: 720 }, { width: 820, height: 1180 }, { width: 768, height: 1024 }]) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(url + '/index.html');
    await page.waitForSelector('.canvas');
    await createQueue(page, 'orders');
    await readmeScene(page); // the widest topology: consumers in the rightmost column
    await page.waitForSelector('g[data-node="c:all-orders"]');
    const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
    assert(overflow <= 0, `${viewport.width}×${viewport.height}: page scrolls sideways by ${overflow}px`);
    const inner = await page.evaluate(() => [...document.querySelectorAll('.lab *')]
      .filter((el) => !el.matches('textarea, pre, .sr-only, .sr-only *') && el.scrollWidth > el.clientWidth + 1 && /auto|scroll/.test(getComputedStyle(el).overflowX))
      .map((el) => `${el.tagName}.${el.className} ${el.scrollWidth}>${el.clientWidth}`));
    assert(!inner.length, `${viewport.width}: scrolls sideways inside: ${inner.join(', ')}`);
    const stage = await page.locator('.stage').boundingBox();
    const consumer = await page.locator('g[data-node="c:all-orders"] rect').boundingBox();
    assert(consumer.x + consumer.width <= stage.x + stage.width, `${viewport.width}: the consumer column is in view: ${JSON.stringify({ stage, consumer })}`);
    // A dragged node follows the pointer on the scaled canvas.
    const q = page.locator('g[data-node="q:all-orders"] rect');
    const before = await q.boundingBox();
    await page.mouse.move(before.x + 20, before.y + 10);
    await page.mouse.down();
    await page.mouse.move(before.x + 40, before.y + 40, { steps: 4 });
    await page.mouse.up();
    const after = await q.boundingBox();
    assert(Math.abs(after.x - before.x - 20) < 3 && Math.abs(after.y - before.y - 30) < 3, `${viewport.width}: drag follows the pointer: ${JSON.stringify({ before, after })}`);
    // Enter on a canvas node: its inspector comes into view, its heading clear of the sticky time bar.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.focus('g[data-node="q:red-orders"]');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => /red-orders/.test(document.querySelector('.inspector h3')?.textContent || ''));
    await page.waitForTimeout(200);
    const [bar, head] = [await page.locator('.timebar').boundingBox(), await page.locator('.inspector h2').boundingBox()];
    assert(head.y >= bar.y + bar.height && head.y + head.height <= viewport.height, `${viewport.width}: the inspector heading is in view: ${JSON.stringify({ bar, head })}`);
    for (const sel of ['button.play', 'button.tab[data-form="sqs.SendMessage"]', '.script select.examples', '.table-view summary']) {
      const box = await page.locator(sel).boundingBox();
      assert(box && box.x >= 0 && box.x + box.width <= viewport.width, `${viewport.width}: ${sel} within the width: ${JSON.stringify(box)}`);
    }
    await page.screenshot({ path: join(shots, `layout-${viewport.width}.png`) });
    await context.close();
  }
});

test('a small scenario (queues only) is laid out narrower, so an embedded lesson is drawn larger; a topic opens the middle column', async ({ page, url }) => {
  await page.setViewportSize({ width: 600, height: 900 });
  await page.goto(url + '/embed-example.html');
  await page.waitForFunction(() => window.labs && window.labs.visibility);
  const vb = () => page.$eval('#visibility svg.canvas', (s) => s.viewBox.baseVal.width);
  assert((await vb()) <= 700, `queues only: a narrow layout: ${await vb()}`);
  const title = await page.locator('#visibility g[data-node="q:orders"] .title').boundingBox();
  assert(title.height >= 10, `the queue title is readable at 600 px: ${title.height}px`);
  const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - innerWidth);
  assert(overflow <= 0, `no sideways scrolling: ${overflow}`);
  await page.evaluate(() => window.labs.visibility.call('sns.CreateTopic', { Name: 'news' }));
  await page.waitForSelector('#visibility g[data-node^="t:"]');
  assert((await vb()) >= 900, `a topic takes the middle column: ${await vb()}`);
  const q = await page.locator('#visibility g[data-node="q:orders"] rect').boundingBox();
  const t = await page.locator('#visibility g[data-node^="t:"] rect').boundingBox();
  assert(t.x + t.width < q.x, 'the topic sits left of the queue');
});

test('prefers-reduced-motion: no flying chips, nodes can still be dragged', async ({ browser, url }) => {
  const context = await browser.newContext({ reducedMotion: 'reduce', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url + '/index.html');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '1' });
  await page.click('button.step');
  await submit(page, 'kinesis.PutRecord', { StreamName: 'clicks', PartitionKey: 'k', Data: 'x' });
  await page.waitForSelector('g.record');
  assert((await page.$$('.chips g.chip.flight')).length === 0, 'no flights under reduced motion');
  const box = await page.$eval('g[data-node="s:clicks"] > rect', (r) => [Number(r.getAttribute('x')), Number(r.getAttribute('y'))]);
  const title = await page.$('g[data-node="s:clicks"] .title');
  const b = await title.boundingBox();
  await page.mouse.move(b.x + 5, b.y + 5);
  await page.mouse.down();
  await page.mouse.move(b.x + 65, b.y + 45, { steps: 5 });
  await page.mouse.up();
  const moved = await page.$eval('g[data-node="s:clicks"] > rect', (r) => [Number(r.getAttribute('x')), Number(r.getAttribute('y'))]);
  assert(moved[0] > box[0] + 30 && moved[1] > box[1] + 20, `dragged: ${box} → ${moved}`);
  assert(errors.length === 0, errors.join(' | '));
  await context.close();
});

test('embed: the documentation page mounts two scenarios and the JS API drives them', async ({ page, url }) => {
  await page.goto(url + '/embed-example.html');
  await page.waitForFunction(() => window.labs && window.labs.visibility && window.labs.fanout);
  // The fan-out scenario sets the queue Policy AWS requires: both deliveries arrive.
  const fan = await page.evaluate(() => { const l = window.labs.fanout; l.pause(); l.seek(l.state().end); return l.state().queues; });
  assert(fan['all-orders'].waiting === 2 && fan['red-orders'].waiting === 1, `fan-out delivered: ${JSON.stringify({ all: fan['all-orders'].waiting, red: fan['red-orders'].waiting })}`);
  const api = await page.evaluate(async () => {
    const lab = window.labs.visibility;
    const seen = [];
    lab.on('call', (c) => seen.push(c.call));
    lab.pause();
    const end = lab.state().end;
    lab.seek(0);
    const atStart = lab.state().elapsed;
    lab.step(1000);
    const afterStep = lab.state().elapsed;
    lab.call('sim.SetClock', { EpochMillis: 1704067260000 });
    return { end, atStart, afterStep, seen, now: lab.state().now, keys: Object.keys(lab).sort() };
  });
  assert(api.atStart === 0 && api.afterStep === 1000, JSON.stringify(api));
  assert(api.seen.includes('sim.SetClock') && api.now === 1704067260000, JSON.stringify(api));
  for (const k of ['play', 'pause', 'step', 'seek', 'load', 'on', 'state']) assert(api.keys.includes(k), `handle has ${k}`);
  assert((await page.$$('.lab.embed')).length === 2, 'two embedded labs');
  assert((await page.$$('.lab.embed header.top')).length === 0, 'minimal chrome');
  await page.screenshot({ path: join(shots, 'embed-example.png'), fullPage: true });
});

// Holds every .wasm request until the returned function is called.
async function holdWasm(page) {
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
  return release;
}

test('loading: the page says it is loading until the app mounts, in Korean with ?lang=ko', async ({ page, url }) => {
  for (const [query, text] of [['', 'Loading the simulator…'], ['?lang=ko', '시뮬레이터를 불러오는 중…']]) {
    const release = await holdWasm(page);
    await page.goto(url + '/index.html' + query, { waitUntil: 'commit' });
    await page.waitForSelector('#decouple-lab > .lab-boot');
    const boot = page.locator('#decouple-lab > .lab-boot');
    assert((await boot.textContent()) === text && (await boot.getAttribute('role')) === 'status', `loading line: ${await boot.textContent()}`);
    assert(await boot.isVisible(), 'the loading line is visible');
    release();
    await page.waitForSelector('svg.canvas');
    assert((await page.$$('.lab-boot')).length === 0, 'mounting replaced the loading line');
    await page.unroute('**/*.wasm');
  }
});

test('loading: a module that cannot load says why instead of loading forever', async ({ browser, url }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto(url + '/index.html');
  await page.waitForSelector('#decouple-lab > .lab-boot.failed');
  const text = await page.textContent('#decouple-lab > .lab-boot');
  assert(/^The simulator could not start: \S/.test(text), `the reason is shown: ${text}`);
  const colour = await page.$eval('.lab-boot', (p) => getComputedStyle(p).color);
  assert(colour === 'rgb(201, 42, 42)', `shown as an error: ${colour}`);
  // The same for an element that embed.js mounts.
  await page.route(url + '/auto-embed.html', (route) => route.fulfill({ contentType: 'text/html', body:
    '<!doctype html><html lang="ko"><head><meta charset="utf-8"></head><body><div id="a" data-decouple-lab></div>' +
    '<script type="module" src="embed.js"></script></body></html>' }));
  await page.goto(url + '/auto-embed.html');
  await page.waitForSelector('#a > .lab-boot.failed');
  const embedded = await page.textContent('#a > .lab-boot');
  assert(/^시뮬레이터를 시작할 수 없습니다: \S/.test(embedded), `the reason, in the page's language: ${embedded}`);
  await context.close();
});

test('embed: data-decouple-lab elements mount by themselves, with a loading line in their language first', async ({ page, url }) => {
  const release = await holdWasm(page);
  await page.route(url + '/auto-embed.html', (route) => route.fulfill({ contentType: 'text/html', body:
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="stylesheet" href="style.css"></head><body>' +
    '<div id="a" data-decouple-lab data-mode="view" data-lang="ko" data-scenario-src="scenarios/visibility.jsonl"></div>' +
    '<div id="b" data-decouple-lab data-mode="play" data-scenario-src="scenarios/fanout.jsonl"><p class="mine">Our own placeholder</p></div>' +
    '<script type="module" src="embed.js"></script></body></html>' }));
  await page.goto(url + '/auto-embed.html', { waitUntil: 'commit' });
  await page.waitForSelector('#a > .lab-boot');
  assert((await page.textContent('#a > .lab-boot')) === '시뮬레이터를 불러오는 중…', 'Korean loading line for a Korean embed');
  assert((await page.textContent('#b')) === 'Our own placeholder', "an author's own placeholder is kept");
  const ready = page.evaluate(() => new Promise((r) => document.addEventListener('decouple-lab-ready', r, { once: true })));
  release();
  await ready;
  await page.waitForSelector('#a .lab.embed svg.canvas');
  await page.waitForSelector('#b .lab.embed svg.canvas');
  assert((await page.$$('.lab-boot, .mine')).length === 0, 'mounting replaced both placeholders');
  await page.waitForSelector('#b g[data-node="q:all-orders"]');
});

test('dist/ works from a subpath (a project page, a docs folder): the app, a share link and the embed page load', async ({ page }) => {
  const parent = await serve(dirname(dist));
  const base = `http://127.0.0.1:${parent.address().port}/${basename(dist)}`;
  try {
    await page.goto(base + '/index.html');
    await submit(page, 'sqs.CreateQueue', { QueueName: 'sub' });
    await page.waitForSelector('g[data-node="q:sub"]');
    await page.goto(base + '/');
    await page.waitForSelector('g[data-node="q:sub"]');
    await page.goto(base + '/embed-example.html');
    await page.waitForFunction(() => window.labs && window.labs.visibility && window.labs.fanout);
    assert((await page.$$('.lab.embed svg.canvas')).length === 2, 'both embedded labs drawn');
  } finally {
    parent.close();
  }
});

test('embed mode ?embed=1&mode=view shows the canvas only', async ({ page, url }) => {
  await page.goto(url + '/index.html?embed=1&mode=view');
  await page.waitForSelector('.canvas');
  assert((await page.$$('header.top')).length === 0, 'no header');
  assert((await page.$$('.forms')).length === 0, 'no forms');
  assert((await page.$$('.timebar .vclock')).length === 1, 'clock visible');
});

test('embed play mode: a compact inspector explains what is clicked (in flight until t, a gate\'s filter policy, a record\'s shard), closes by button, read-only; Korean', async ({ page, url }) => {
  await page.setViewportSize({ width: 900, height: 900 });
  await page.goto(url + '/index.html?embed=1&mode=play');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  await readmeScene(page);
  await page.waitForSelector('.inspector.compact');
  assert((await page.textContent('.inspector')).includes('filter gate'), 'the empty inspector says what to click');
  assert(!(await page.$('.inspector .close')), 'nothing to close yet');
  // An in-flight message: why it is not visible, and its receive count.
  await page.click('.chips g.chip.inflight');
  await page.waitForSelector('.inspector .why');
  const why = await page.textContent('.inspector .why');
  assert(/In flight: invisible until .*VisibilityTimeout/.test(why), `why: ${why}`);
  await page.waitForTimeout(300);
  const seen = await page.locator('.inspector .why').boundingBox();
  assert(seen.y >= 0 && seen.y + seen.height <= 900, `the explanation scrolled into view: ${JSON.stringify(seen)}`);
  assert(!(await page.$('.inspector .actions')) && !(await page.$('.inspector button.delete-resource')), 'play mode is read-only');
  assert(await page.isVisible('.inspector details.life summary'), 'the life is folded');
  // Side by side with the event log, both in view.
  const [ins, log] = [await page.locator('.inspector').boundingBox(), await page.locator('.log').boundingBox()];
  assert(Math.abs(ins.y - log.y) < 2 && ins.x + ins.width <= log.x, `inspector beside the log: ${JSON.stringify({ ins, log })}`);
  // A filter gate: the policy's evaluation per publication.
  await page.click('g.gate.filtered');
  await page.waitForFunction(() => /Filter policy evaluation/.test(document.querySelector('.inspector').textContent));
  assert((await page.textContent('.inspector')).includes('color'), 'the gate explanation names the key');
  // A record: partition key → MD5 → shard.
  await page.click('g.record');
  await page.waitForSelector('.inspector .why.hash');
  assert((await page.textContent('.inspector .why.hash')).includes('MD5'), 'the record explanation');
  await page.screenshot({ path: join(shots, 'embed-play-inspector.png') });
  // Keyboard: the close button clears the selection.
  await page.focus('.inspector .close');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.querySelector('.inspector .why'));
  // View mode stays the canvas alone.
  await page.goto(url + '/index.html?embed=1&mode=view');
  await page.waitForSelector('.canvas');
  assert(!(await page.$('.inspector')), 'no inspector in view mode');
  // Korean.
  await page.goto(url + '/index.html?embed=1&mode=play&lang=ko');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  await readmeScene(page);
  await page.click('.chips g.chip.inflight');
  await page.waitForSelector('.inspector .close');
  const ko = await page.textContent('.inspector');
  assert(ko.includes('검사기') && (await page.getAttribute('.inspector .close', 'aria-label')) === '검사기 닫기', `Korean inspector: ${ko.slice(0, 200)}`);
  const names = ['orders', 'alice', 'bob', 'carol', 'red', 'blue', 'green', 'priority', 'high', 'color', 'order', 'payment', 'clicks', 'archive', 'to',
    'example', 'com', 'ops', 'all', 'dlq', 'payments', 'click', 'user', 'blu', 'gre' /* bodies cut on chips */];
  const left = await untranslated(page, names);
  assert(!left.length, `untranslated: ${JSON.stringify(left)}`);
});

test('Korean UI: ?lang=ko and the toggle', async ({ page, url }) => {
  await page.goto(url + '/index.html?lang=ko');
  await page.waitForSelector('.canvas');
  assert((await page.textContent('button.play')) === '재생', 'play in Korean');
  assert(await page.isVisible('text=대기열이나 주제를 만들어 시작하세요.'), 'canvas hint in Korean');
  assert((await page.textContent('button.tab[data-form="sqs.CreateQueue"]')).includes('대기열 생성'), 'form in Korean');
  assert((await page.getAttribute('html', 'lang')) === 'ko', 'html lang');
  assert((await page.textContent('.table-view summary')).includes('표 보기'), 'table view in Korean');
  assert((await page.textContent('button.script-play')) === '스크립트 재생', 'script play in Korean');
  assert((await page.textContent('.examples-wrap span')) === '예제', 'examples menu in Korean');
  await page.click('button.tab[data-form="kinesis.SplitShard"]');
  assert((await page.textContent('form[data-call="kinesis.SplitShard"]')).includes('비우면 중간값'), 'form hints in Korean');
  assert((await page.textContent('.metrics h2')) === '지표', 'metrics in Korean');
  await page.screenshot({ path: join(shots, 'korean.png') });
  await page.click('button.lang-toggle');
  assert((await page.textContent('button.play')) === 'Play', 'toggled to English');
});

test('DLQ redrive by clicks: StartMessageMoveTask moves the message back; its chip flies from the DLQ with its body and leaves the DLQ', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await poisonIntoDlq(page);
  let s = await state(page);
  assert(s.queues.dlq.waiting === 1, `in the DLQ: ${JSON.stringify(s.queues.dlq)}`);
  await submit(page, 'sqs.StartMessageMoveTask', { SourceArn: 'dlq' });
  assert((await flash(page)).includes('sqs.StartMessageMoveTask'), await flash(page));
  for (let i = 0; i < 3; i++) await page.click('button.step');
  s = await state(page);
  assert(s.queues.dlq.waiting === 0 && s.queues.work.waiting === 1, `moved back: ${JSON.stringify({ dlq: s.queues.dlq.waiting, work: s.queues.work.waiting })}`);
  await page.waitForFunction(() => document.querySelectorAll('.chips g.chip:not(.flight):not(.leaving)').length === 1);
  await page.click('.chips g.chip.waiting');
  assert((await page.textContent('.inspector pre.body')) === 'poison', 'the moved message keeps its body');
  assert((await page.textContent('.inspector dd')).includes('work'), 'it is in the source queue');
  await logShows(page, 'MoveTaskProgressed');
});

test('Lambda and shards by clicks: one SNS delivery is one invocation; MergeShards offers an adjacent pair by default', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'lambda.CreateFunction', { FunctionName: 'worker' });
  await submit(page, 'sns.CreateTopic', { Name: 'events' });
  await submit(page, 'sns.Subscribe', { Protocol: 'lambda', Endpoint: 'lambda: worker' });
  await submit(page, 'sns.Publish', { Message: 'hello' });
  await page.click('button.step');
  await page.waitForFunction(() => /\b1\b/.test(document.querySelector('g[data-node="l:worker"] .sub').textContent));
  const text = await page.textContent('g[data-node="l:worker"] .sub');
  assert(text === '1 invocation', `one invocation, in the singular: ${text}`);
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '2' });
  await page.click('button.step');
  await submit(page, 'kinesis.MergeShards', { StreamName: 'clicks' });
  assert((await flash(page)).includes('kinesis.MergeShards'), `merged with the defaults: ${await flash(page)}`);
  await page.click('button.step');
  await page.waitForFunction(() => document.querySelectorAll('g.lane').length === 3);
  assert((await page.$$('g.lane.closed')).length === 2, 'both parents closed');
});

test('event log: the time, service and event columns line up', async ({ page, url }) => {
  await page.goto(url + '/index.html?embed=1&mode=play');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  await page.evaluate(() => DecoupleLab.main.run([{ call: 'sqs.CreateQueue', input: { QueueName: 'q' } }, { advance_ms: 61000 },
    { call: 'sqs.SendMessage', input: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/000000000000/q', MessageBody: 'x' } }]));
  await page.waitForFunction(() => document.querySelectorAll('.events li').length >= 4);
  const xs = await page.$$eval('.events li', (lis) => lis.map((li) => [li.querySelector('.svc').getBoundingClientRect().left, li.querySelector('.type').getBoundingClientRect().left]));
  const svc = new Set(xs.map((x) => Math.round(x[0]))), type = new Set(xs.map((x) => Math.round(x[1])));
  assert(svc.size === 1 && type.size === 1, `columns: ${JSON.stringify(xs)}`);
});

test('every button label stays on one line, in English and Korean, at 1280×720 and on a tablet', async ({ browser, url }) => {
  const broken = [];
  for (const lang of ['en', 'ko']) {
    for (const viewport of [{ width: 1280, height: 720 }, { width: 820, height: 1180 }]) {
      const context = await browser.newContext({ viewport });
      const page = await context.newPage();
      await page.goto(url + `/index.html?lang=${lang}`);
      await page.waitForSelector('.canvas');
      await createQueue(page, 'orders');
      await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: 'x' });
      await submit(page, 'sqs.ReceiveMessage', { QueueUrl: 'orders' });
      await page.click('.chips g.chip.inflight');
      const lines = await page.$$eval('.lab button', (bs) => bs.filter((b) => b.offsetParent).map((b) => {
        const r = document.createRange();
        r.selectNodeContents(b);
        // Lines: rects whose vertical extents do not overlap (a <small> shares its line).
        let lines = 0, bottom = -Infinity;
        for (const x of [...r.getClientRects()].filter((x) => x.width > 0).sort((p, q) => p.top - q.top)) {
          if (x.top >= bottom - 1) { lines++; bottom = x.bottom; } else bottom = Math.max(bottom, x.bottom);
        }
        return [b.textContent.trim(), lines];
      }));
      for (const [text, n] of lines) if (n > 1) broken.push(`${lang} ${viewport.width}: "${text}" on ${n} lines`);
      await context.close();
    }
  }
  assert(broken.length === 0, broken.join('\n'));
});

test('inspectors of a delivery stream (buffer and flush rule), a bucket (objects), an inbox (messages) and a function', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  const errs = await readmeScene(page);
  assert(errs.length === 0, errs.join(' | '));
  await submit(page, 'lambda.CreateFunction', { FunctionName: 'worker' });
  await page.click('button.step');
  await page.click('g[data-node="f:to-s3"] .title');
  let text = await page.textContent('.inspector');
  assert(text.includes('IntervalInSeconds') && text.includes('SizeInMBs') && /\d+ B · 4 records/.test(text) && text.includes('whichever comes first'), `firehose: ${text}`);
  await page.click('g[data-node="b:archive"] .title');
  assert((await page.textContent('.inspector')).includes('No objects yet.'), 'empty bucket');
  const flushed = () => page.$eval('g[data-node="b:archive"]', (g) => /archive · 1/.test(g.textContent));
  for (let i = 0; i < 5 && !(await flushed()); i++) await page.click('button.next');
  await page.click('g[data-node="b:archive"] .title');
  assert((await page.$$('.inspector table.objects tr')).length === 1, 'the flushed object is listed');
  await page.click('g[data-node^="i:"] .title');
  text = await page.textContent('.inspector');
  assert(text.includes('ops@example.com') && text.includes('Inbox'), `inbox: ${text}`);
  await page.click('g[data-node="l:worker"] .title');
  assert((await page.textContent('.inspector')).includes('FunctionName'), 'function');
  const labels = await page.$$eval('.inspector dt', (dts) => dts.map((d) => d.textContent));
  assert(JSON.stringify(labels) === JSON.stringify(['FunctionName', 'Invocations']), `function labels: ${labels}`);
  await page.click('button.lang-toggle');
  await page.click('g[data-node="f:to-s3"] .title');
  assert((await page.textContent('.inspector')).includes('먼저 오는 쪽'), 'the flush rule in Korean');
});

test('event log from the keyboard: an entry about a message is a button; Enter inspects the message', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sqs.SendMessage', { QueueUrl: 'orders', MessageBody: 'typed' });
  await page.waitForSelector('.events li[tabindex="0"][role="button"]');
  await page.focus('.events li.event[tabindex="0"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.inspector pre.body');
  assert((await page.textContent('.inspector pre.body')) === 'typed', 'the message is inspected');
  assert((await page.$$('.events li:not([tabindex])')).length > 0, 'entries without a subject are not tab stops');
});

// A topic with a filtered SQS subscription (numeric and $or conditions) and three publications.
function filterScene(page) {
  return page.evaluate(() => {
    const acct = '000000000000', r = 'us-east-1', topic = `arn:aws:sns:${r}:${acct}:orders`, qarn = `arn:aws:sqs:${r}:${acct}:big`;
    const policy = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: qarn, Condition: { ArnEquals: { 'aws:SourceArn': topic } } }] });
    const fp = JSON.stringify({ color: ['red'], size: [{ numeric: ['>', 10] }], $or: [{ store: ['web'] }, { coupon: [{ exists: false }] }] });
    const attrs = (color, size, sizeType) => ({ color: { DataType: 'String', StringValue: color }, size: { DataType: sizeType, StringValue: size } });
    const c = (call, input) => ({ call, input });
    return DecoupleLab.main.run([c('sqs.CreateQueue', { QueueName: 'big' }), c('sns.CreateTopic', { Name: 'orders' }),
      c('sqs.SetQueueAttributes', { QueueUrl: `https://sqs.${r}.amazonaws.com/${acct}/big`, Attributes: { Policy: policy } }),
      c('sns.Subscribe', { TopicArn: topic, Protocol: 'sqs', Endpoint: qarn, Attributes: { FilterPolicy: fp } }),
      { advance_ms: 1000 },
      c('sns.Publish', { TopicArn: topic, Message: 'blue, size as a String', MessageAttributes: attrs('blue', '12', 'String') }),
      { advance_ms: 1000 },
      c('sns.Publish', { TopicArn: topic, Message: 'red 12', MessageAttributes: attrs('red', '12', 'Number') }),
      { advance_ms: 1000 },
    ]).filter((a) => a.error).map((a) => a.error.code + ': ' + a.error.message);
  });
}

test('filter-policy explanation: per key the policy, the message values and the result with its cause; the $or branches; on the gate and on the delivered message', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  const errs = await filterScene(page);
  assert(errs.length === 0, errs.join(' | '));
  await page.click('g.gate.filtered');
  const pubs = await page.$$eval('.inspector .explanation', (els) => els.map((e) => e.querySelector('.publication').textContent));
  assert(pubs.length === 2 && pubs[0].includes('red 12') && pubs[1].includes('blue, size as a String'), `latest first: ${pubs}`);
  const filtered = '.inspector .explanation:nth-of-type(2) .filter-explanation';
  assert(await page.isVisible(`${filtered}.no`), 'the blue one was filtered out');
  const rows = await page.$$eval(`${filtered} .filter-keys li.no`, (lis) => lis.map((li) => li.textContent));
  assert(rows.some((r) => r.includes('color') && r.includes('"red"') && r.includes('"blue"') && r.includes('no condition matched')), `color row: ${rows}`);
  assert(rows.some((r) => r.includes('size') && r.includes('numeric conditions match numbers only')), `the String-typed size says why: ${rows}`);
  const branches = await page.textContent(`${filtered} .branches`);
  assert(branches.includes('$or branch 1') && branches.includes('store') && branches.includes('coupon'), `branches: ${branches}`);
  // The delivered one: every key matched, the met condition and value marked.
  const delivered = '.inspector .explanation:nth-of-type(1) .filter-explanation';
  assert(await page.isVisible(`${delivered}.yes`), 'red 12 was delivered');
  assert((await page.$$(`${delivered} code.cond.met`)).length >= 2, 'met conditions are marked');
  await page.locator('.inspector').screenshot({ path: join(shots, 'filter-explanation.png') });
  // The message in the queue carries its own explanation.
  await page.click('.chips g.chip.waiting');
  assert(await page.isVisible('.inspector .why.filter .filter-explanation.yes'), 'the delivered message explains its filter');
  // In Korean.
  await page.click('button.lang-toggle');
  await page.click('g.gate.filtered');
  const ko = await page.textContent(`${filtered}`);
  assert(ko.includes('필터링됨') && ko.includes('일치하는 조건 없음') && ko.includes('numeric 조건은 숫자에만'), `Korean: ${ko}`);
});

test('Korean UI: no English words in any panel, inspector or accessible name (AWS names, code and data aside)', async ({ page, url }) => {
  await page.goto(url + '/index.html?lang=ko');
  await contrastScene(page);
  const names = ['orders', 'alice', 'bob', 'carol', 'red', 'blue', 'green', 'priority', 'high', 'color', 'order', 'payment', 'clicks', 'archive', 'to',
    'example', 'com', 'ops', 'all', 'dlq', 'payments', 'click', 'bad', 'name', 'jobs', 'job', 'feeder'];
  const found = new Set();
  for (const target of ['g.gate.filtered', 'g.record', '.chips g.chip.inflight', '.chips g.chip.waiting', 'g[data-node="kc:clicks"]', 'g[data-node^="q:red"] .title',
    'g[data-node="f:to-s3"] .title', 'g[data-node="b:archive"] .title', 'g[data-node^="t:"]', 'g[data-node^="i:"] .title']) {
    await page.click(target);
    for (const x of await untranslated(page, names)) found.add(x);
  }
  for (const tab of await page.$$eval('button.tab', (els) => els.map((e) => e.getAttribute('data-form')))) {
    await page.click(`button.tab[data-form="${tab}"]`);
    for (const x of await untranslated(page, names)) found.add(x);
  }
  assert(found.size === 0, `untranslated in the Korean view:\n${[...found].join('\n')}`);
});

// Contrast, measured: a scene with every kind of node, chip, record, reader, an explanation,
// an error, the table view and a script with every token colour, an error and a passing check.
const CONTRAST_SCRIPT = [
  '# every token colour: a comment, keywords, options, strings, numbers, variables',
  'aws sqs create-queue --queue-name jobs',
  'Q=$(aws sqs get-queue-url --queue-name jobs --query QueueUrl --output text)',
  'producer feeder every 1s count 2: aws sqs send-message --queue-url "$Q" --message-body \'job {{seq}}\'',
  'sleep 3',
  'expect queue jobs visible == 2',
  'aws sqs no-such-command',
].join('\n');

async function contrastScene(page) {
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  if (await page.$('.script textarea.code')) {
    await page.fill('.script textarea.code', CONTRAST_SCRIPT);
    await page.click('button.script-run');
    await page.waitForSelector('.code-line.has-error');
  }
  const errs = [...(await readmeScene(page)), ...(await sceneReaders(page))];
  assert(errs.length === 0, `scene: ${errs.join(' | ')}`);
  if (await page.$('button.step')) await page.click('button.step');
  if (await page.$('button.tab')) await submit(page, 'sqs.CreateQueue', { QueueName: 'bad name!' });
  await page.click('g.gate.filtered');
  await page.click('g.record');
  if (await page.$('.table-view summary')) await page.click('.table-view summary');
  await page.waitForFunction(() => !document.querySelector('.chip.flight, .chip.leaving'), null, { timeout: 10000 });
}

async function audit(page, name, { focus = true } = {}) {
  const results = [[`${name} text`, await auditText(page)], [`${name} field borders`, await auditBoundaries(page)]];
  if (focus) results.push([`${name} focus`, await auditFocus(page)]);
  for (const [n, r] of results) console.log(`     ${n}: ${r.checked} checked, lowest ${r.min.ratio} (${r.min.sel}), ${r.failures.length} failing`);
  return results.filter(([, r]) => r.failures.length).map(([n, r]) => describe(n, r));
}

test('contrast (WCAG 2.1 AA): text 4.5:1 (large 3:1), field borders and focus indicators 3:1, in English and Korean, light and dark, embedded', async ({ browser, url }) => {
  const failures = [];
  const variants = [
    ['English', {}, '/index.html'],
    ['Korean', {}, '/index.html?lang=ko'],
    ['dark scheme', { colorScheme: 'dark' }, '/index.html'],
    ['embed edit', {}, '/index.html?embed=1&mode=edit'],
  ];
  for (const [name, opts, path] of variants) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, ...opts });
    const page = await context.newPage();
    await page.goto(url + path);
    await contrastScene(page);
    await page.locator('.script').screenshot({ path: join(shots, `contrast-script-${name.replace(/ /g, '-')}.png`) }).catch(() => {});
    failures.push(...(await audit(page, name, { focus: name !== 'dark scheme' })));
    await context.close();
  }
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url + '/embed-example.html');
  await page.waitForFunction(() => window.labs && window.labs.visibility && window.labs.fanout);
  await page.waitForTimeout(1500);
  await page.evaluate(() => { window.labs.visibility.pause(); window.labs.fanout.pause(); });
  await page.waitForFunction(() => !document.querySelector('.chip.flight, .chip.leaving'), null, { timeout: 10000 });
  failures.push(...(await audit(page, 'embed-example.html')));
  await context.close();
  assert(failures.length === 0, `contrast below WCAG AA:\n${failures.join('\n')}`);
});

// ---- runner ----------------------------------------------------------------------------
test('SNS → SQS by clicks: Subscribe sets the queue Policy the topic needs (as the SQS console does); unticked, the refused delivery shows on the gate with AWS\'s reason and how to allow it; Korean', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  await submit(page, 'sns.CreateTopic', { Name: 'events' });
  await openTab(page, 'sns.Subscribe');
  assert(await page.isChecked('form[data-call="sns.Subscribe"] [name=AllowInQueuePolicy]'), 'the queue Policy is set by default');
  await page.click('form[data-call="sns.Subscribe"] button[type=submit]');
  assert((await flash(page)).includes('sqs.SetQueueAttributes (Policy) · sns.Subscribe'), `both calls named: ${await flash(page)}`);
  await submit(page, 'sns.Publish', { Message: 'red shoes' });
  await page.click('button.step');
  await page.waitForSelector('.chips g.chip.waiting');
  await logShows(page, 'sqs.SetQueueAttributes', 'NotificationDelivered');
  await page.click('g.gate');
  assert((await page.textContent('.inspector')).includes('No filter policy: every publication is delivered'), 'a gate without a filter policy says so');
  // A second queue subscribed without the Policy: SNS's delivery is refused.
  await createQueue(page, 'audit');
  await submit(page, 'sns.Subscribe', { Endpoint: 'sqs: audit', AllowInQueuePolicy: false });
  await submit(page, 'sns.Publish', { Message: 'blue hat' });
  await page.click('button.step');
  await page.waitForSelector('g.gate.refused');
  const gate = 'g.gate.refused';
  assert((await page.textContent(`${gate} .gate-label`)) === 'refused', 'the gate says refused');
  await page.click(gate);
  const why = await page.textContent('.inspector .why.failed');
  assert(why.includes('Delivery failed') && why.includes('blue hat') && why.includes('AccessDenied') && why.includes('PolicyForTopic'), `why: ${why}`);
  await page.screenshot({ path: join(shots, 'sns-refused.png') });
  await page.waitForFunction(() => !document.querySelector('.chips g.chip.flight'), null, { timeout: 5000 });
  const refused = await auditText(page);
  assert(!refused.failures.length, describe("refused text", refused) + JSON.stringify(refused.failures));
  // Korean.
  await page.click('button.lang-toggle');
  const ko = await page.textContent('.inspector');
  assert(ko.includes('전송 실패') && ko.includes('Policy가') && (await page.textContent(`${gate} .gate-label`)) === '거부됨', `Korean: ${ko.slice(0, 300)}`);
  const leftKo = await untranslated(page, ['events', 'orders', 'audit', 'blue', 'hat', 'red', 'shoes', 'color']);
  assert(!leftKo.length, `untranslated: ${leftKo}`);
  await page.click('button.lang-toggle');
  // Allowing it by clicks: the next publication arrives and the gate is no longer red.
  await submit(page, 'sqs.SetQueueAttributes', { QueueUrl: 'audit', PolicyForTopic: 'events' });
  await submit(page, 'sns.Publish', { Message: 'green scarf' });
  await page.click('button.step');
  await page.waitForFunction(() => !document.querySelector('g.gate.refused'));
  assert((await state(page)).queues.audit.waiting === 1, 'the allowed publication arrived');
});

test('email subscription by clicks: the gate says pending, the inbox says why nothing arrives, ConfirmSubscription from the inspector lets the next publication in; Korean', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await submit(page, 'sns.CreateTopic', { Name: 'alerts' });
  await submit(page, 'sns.Subscribe', { Protocol: 'email', EndpointText: 'ops@example.com' });
  await page.waitForSelector('g.gate.pending');
  assert((await page.textContent('g.gate.pending .gate-label')) === 'pending', 'the gate says pending');
  await submit(page, 'sns.Publish', { Message: 'disk full' });
  await page.click('button.step');
  await page.click('g[data-node^="i:email"] .title');
  const why = await page.textContent('.inspector .why.pending');
  assert(why.includes('PendingConfirmation') && why.includes('ops@example.com') && why.includes('ConfirmSubscription'), `why: ${why}`);
  await page.click('button.lang-toggle');
  assert((await page.textContent('.inspector .why.pending')).includes('확인하기 전까지는'), 'Korean');
  assert((await page.textContent('g.gate.pending .gate-label')) === '확인 대기', 'Korean gate label');
  const leftKo = await untranslated(page, ['alerts', 'ops', 'example', 'com', 'disk', 'full', 'color', 'red']);
  assert(!leftKo.length, `untranslated: ${leftKo}`);
  await page.click('button.lang-toggle');
  await page.click('.inspector button.confirm-subscription');
  await page.waitForFunction(() => !document.querySelector('g.gate.pending'));
  await logShows(page, 'SubscriptionConfirmed');
  await submit(page, 'sns.Publish', { Message: 'disk still full' });
  await page.click('button.step');
  await page.waitForFunction(() => /disk still full/.test(document.querySelector('g[data-node^="i:email"]').textContent));
  assert(!(await page.textContent('g[data-node^="i:email"]')).includes('disk full'), 'the message sent while pending never arrives');
  await page.click('g[data-node^="i:email"] .title');
  await page.screenshot({ path: join(shots, 'email-confirmed.png') });
});

test('forms as a person uses them: the queue just made stays chosen, ReceiveMessage says how many it got, JSON fields say "valid JSON", MergeShards after a split offers the two children', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'a-dlq');
  await createQueue(page, 'work');
  await openTab(page, 'sqs.SendMessage');
  assert((await page.$eval('form[data-call="sqs.SendMessage"] [name=QueueUrl]', (s) => s.selectedOptions[0].textContent)) === 'work', 'the new queue is chosen');
  await page.fill('form[data-call="sqs.SendMessage"] [name=MessageBody]', 'job 1');
  await page.click('form[data-call="sqs.SendMessage"] button[type=submit]');
  await openTab(page, 'sqs.ReceiveMessage');
  assert((await page.$eval('form[data-call="sqs.ReceiveMessage"] [name=QueueUrl]', (s) => s.selectedOptions[0].textContent)) === 'work', 'the queue sent to is chosen');
  await page.click('form[data-call="sqs.ReceiveMessage"] button[type=submit]');
  assert((await flash(page)).includes('1 message received'), await flash(page));
  await page.click('form[data-call="sqs.ReceiveMessage"] button[type=submit]');
  assert((await flash(page)).includes('0 messages received'), await flash(page));
  await openTab(page, 'sns.Publish');
  await page.fill('form[data-call="sns.Publish"] [name=MessageAttributes]', '{"color": "red"}');
  assert((await page.textContent('form[data-call="sns.Publish"] .validation')).trim() === '✓ valid JSON', 'message attributes are not a filter policy');
  await submit(page, 'kinesis.CreateStream', { StreamName: 'clicks', ShardCount: '2' });
  await page.click('button.step');
  await submit(page, 'kinesis.SplitShard', { StreamName: 'clicks' });
  await page.click('button.step');
  await openTab(page, 'kinesis.MergeShards');
  const picked = await page.$$eval('form[data-call="kinesis.MergeShards"] select', (s) => s.map((x) => x.selectedOptions[0].textContent));
  assert(picked[1] === 'clicks · shard 2' && picked[2] === 'clicks · shard 3', `the split's children: ${picked}`);
  await page.click('form[data-call="kinesis.MergeShards"] button[type=submit]');
  assert((await flash(page)).includes('kinesis.MergeShards'), await flash(page));
  await page.goto(url + '/index.html?lang=ko');
  await createQueue(page, 'work');
  await submit(page, 'sqs.ReceiveMessage', {});
  assert((await flash(page)).includes('메시지 0개 수신'), await flash(page));
});

test('time bar from the keyboard: arrows on History move one virtual second (Shift ten), Home and End', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await createQueue(page, 'orders');
  for (let i = 0; i < 5; i++) await page.click('button.step');
  const elapsed = async () => (await state(page)).elapsed;
  assert((await elapsed()) === 5000, `five steps: ${await elapsed()}`);
  await page.focus('input.scrub');
  await page.keyboard.press('ArrowLeft');
  assert((await elapsed()) === 4000, `one second back: ${await elapsed()}`);
  await page.keyboard.press('Home');
  assert((await elapsed()) === 0, `to the start: ${await elapsed()}`);
  // "viewing the past" is readable (WCAG AA) and keeps the time bar on one line at 1440 px.
  const past = await auditText(page);
  assert(!past.failures.length, describe('past text', past));
  const bar = await page.locator('.timebar').boundingBox();
  assert(bar.height < 60, `the time bar stays one line: ${bar.height}`);
  await page.keyboard.press('Shift+ArrowRight');
  assert((await elapsed()) === 5000, `ten seconds on, up to now: ${await elapsed()}`);
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('End');
  assert((await elapsed()) === 5000 && (await page.textContent('.timebar .where')) === 'live', 'End is now');
});

test('canvas: every label fits its box, clear of the others (producer, queues, bucket objects, the hash-key bar), English and Korean; the inspector shows its top when something is selected', async ({ browser, url }) => {
  for (const q of ['', '?lang=ko']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(url + '/index.html' + q);
    await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
    await readmeScene(page);
    await page.evaluate(() => DecoupleLab.main.run([{ advance_ms: 70000 }])); // Firehose flushes into S3
    await page.waitForSelector('g[data-node="b:archive"] text.object');
    const bad = await page.evaluate(() => {
      const out = [];
      for (const g of document.querySelectorAll('svg.canvas g.node:not(.gate)')) {
        const b = g.querySelector(':scope > rect')?.getBBox();
        if (!b) continue;
        const texts = [...g.querySelectorAll(':scope > text')].map((t) => [t.textContent, t.getBBox()]);
        for (const [s, r] of texts) {
          if (r.x < b.x + 2 || r.x + r.width > b.x + b.width - 3 || r.y < b.y || r.y + r.height > b.y + b.height) out.push(`${g.dataset.node}: "${s}" leaves its box`);
        }
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
          const [a, A] = texts[i], [c, C] = texts[j];
          if (A.x < C.x + C.width && C.x < A.x + A.width && A.y < C.y + C.height && C.y < A.y + A.height) out.push(`${g.dataset.node}: "${a}" overlaps "${c}"`);
        }
      }
      // The hash-key label ends before the bar starts.
      const seg = document.querySelector('svg.canvas rect.seg').getBBox();
      const label = [...document.querySelectorAll('svg.canvas > text.sub, svg.canvas text.sub')].find((t) => /2¹²⁸/.test(t.textContent));
      if (label && label.getBBox().x + label.getBBox().width > seg.x - 2) out.push(`"${label.textContent}" runs into the hash-key bar`);
      return out;
    });
    assert(!bad.length, `${q || 'en'}: ${bad.join('; ')}`);
    // Metric names are whole, not cut with an ellipsis.
    const cut = await page.$$eval('.metrics .mname', (els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
    assert(!cut.length, `${q || 'en'}: metric names cut: ${cut}`);
    // Scroll the side panel down to the forms, then select: the inspector's top is in view.
    await page.evaluate(() => { document.querySelector('.side').scrollTop = 10000; });
    await page.click('g[data-node="q:all-orders"] .title');
    await page.waitForTimeout(200);
    const h = await page.locator('.inspector h2').boundingBox();
    assert(h && h.y >= 0 && h.y + h.height <= 720, `the inspector heading is in view: ${JSON.stringify(h)}`);
    // Attribute values keep room: a timestamp is not broken over two lines (names break at capitals).
    const ts = await page.evaluate(() => [...document.querySelectorAll('.inspector .attrs tr')]
      .filter((tr) => /^(CreatedTimestamp|MaximumMessageSize)$/.test(tr.querySelector('th').textContent))
      .map((tr) => { const r = document.createRange(); r.selectNodeContents(tr.querySelector('td')); return r.getClientRects().length; }));
    assert(ts.length === 2 && ts.every((n) => n === 1), `values on one line: ${ts}`);
    await context.close();
  }
});

test('canvas: long AWS names (an 80-character queue, a DLQ, a topic, a stream, a bucket, a delivery stream) are cut with an ellipsis inside their boxes, English and Korean', async ({ browser, url }) => {
  const long = 'order-processing-pipeline-of-the-shop-backend-for-every-region-and-every-tenant-x'.slice(0, 80);
  for (const q of ['', '?lang=ko']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(url + '/index.html' + q);
    await page.waitForSelector('.canvas');
    await createQueue(page, 'payments-dead-letters');
    await submit(page, 'sqs.CreateQueue', { QueueName: long, deadLetterTargetArn: 'payments-dead-letters' });
    await page.waitForSelector('g.edge.dlq');
    await submit(page, 'sns.CreateTopic', { Name: 'customer-notifications-for-every-order' });
    await submit(page, 'kinesis.CreateStream', { StreamName: 'clickstream-events-from-the-website-and-the-mobile-apps-in-all-regions' });
    await submit(page, 's3.CreateBucket', { Bucket: 'archive-bucket-for-the-clickstream-with-a-long-name' });
    await submit(page, 'firehose.CreateDeliveryStream', { DeliveryStreamName: 'clickstream-to-the-s3-archive-delivery-stream' });
    await page.waitForSelector('g[data-node^="f:"]');
    const bad = await page.evaluate(() => {
      const out = [];
      for (const g of document.querySelectorAll('svg.canvas g.node:not(.gate)')) {
        const b = g.querySelector(':scope > rect')?.getBBox();
        if (!b) continue;
        const texts = [...g.querySelectorAll(':scope > text')].map((t) => [t.textContent, t.getBBox()]);
        for (const [s, r] of texts) if (r.x + r.width > b.x + b.width - 3) out.push(`${g.dataset.node}: "${s}" leaves its box`);
        for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
          const [a, A] = texts[i], [c, C] = texts[j];
          if (A.x < C.x + C.width && C.x < A.x + A.width && A.y < C.y + C.height && C.y < A.y + A.height) out.push(`${g.dataset.node}: "${a}" overlaps "${c}"`);
        }
      }
      return out;
    });
    assert(!bad.length, `${q || 'en'}: ${bad.join('; ')}`);
    const title = await page.textContent(`g[data-node="q:${long}"] > text.title`);
    assert(title.endsWith('…') && long.startsWith(title.slice(0, -1)), `cut title: ${title}`);
    // The whole name is still there for a screen reader and in the inspector.
    assert((await page.getAttribute(`g[data-node="q:${long}"]`, 'aria-label')).endsWith(long), 'full name in the accessible name');
    await page.screenshot({ path: join(shots, `long-names${q ? '-ko' : ''}.png`) });
    await context.close();
  }
});

test('chips in flight pass under resource titles: every title is drawn above the chip layer', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  assert((await readmeScene(page)).length === 0, 'scene built');
  await page.waitForSelector('g[data-node="q:all-orders"]');
  // Each node title has its copy in the layer painted after the chips.
  const titles = await page.evaluate(() => {
    const svg = document.querySelector('svg.canvas');
    const kids = [...svg.children].map((e) => e.getAttribute('class'));
    const ids = [...svg.querySelectorAll('.node .title')].map((t) => t.id);
    const over = [...svg.querySelectorAll('.titles-over use')].map((u) => u.getAttribute('href').slice(1));
    return { order: kids.indexOf('titles-over') > kids.indexOf('chips'), ids, missing: ids.filter((i) => !over.includes(i)) };
  });
  assert(titles.order && titles.ids.length >= 8 && titles.missing.length === 0, `titles above chips: ${JSON.stringify(titles)}`);
  // A chip parked on a queue's title: what is painted on top of the title's middle is the title.
  const top = await page.evaluate(() => {
    const title = document.querySelector('g[data-node="q:all-orders"] .title');
    const chip = document.querySelector('.chips g.chip');
    const b = title.getBBox();
    chip.classList.add('jump');
    chip.setAttribute('style', `transform:translate(${b.x + 4}px,${b.y}px)`);
    const r = title.getBoundingClientRect();
    const layer = document.querySelector('.titles-over');
    layer.style.pointerEvents = 'auto'; // hit-test the painted order
    const hit = document.elementFromPoint(r.left + 12, r.top + r.height / 2);
    layer.style.pointerEvents = '';
    return hit && hit.closest('.titles-over') ? hit.getAttribute('href') : String(hit && hit.outerHTML.slice(0, 80));
  });
  assert(top === '#' + (await page.getAttribute('g[data-node="q:all-orders"] .title', 'id')), `on top of the chip: ${top}`);
  // Titles stay one per node for assistive technology: the copies are hidden from it.
  assert((await page.getAttribute('.titles-over', 'aria-hidden')) === 'true', 'copies are aria-hidden');
  await page.screenshot({ path: join(shots, 'titles-over-chips.png') });
});

test('phone (375×812): panels stack, text stays 12 px or more, the page never scrolls sideways', async ({ browser, url }) => {
  const ctx = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url + '/index.html');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  assert((await readmeScene(page)).length === 0, 'scene built');
  await page.waitForSelector('g[data-node="s:clicks"]');
  await page.screenshot({ path: join(shots, 'phone-375.png') });
  await page.click('g[data-node="q:all-orders"] .title');
  await page.waitForSelector('.inspector .attrs');
  const m = await page.evaluate(() => {
    const small = [];
    const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    for (const el of document.querySelectorAll('.lab *')) {
      if (el.closest('.sr-only, defs, title, option, .titles-over')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !visible(el)) continue;
      let px = parseFloat(getComputedStyle(el).fontSize);
      if (el instanceof SVGElement) px *= el.ownerSVGElement.getScreenCTM().a;
      if (px < 11.95) small.push(`${el.tagName}.${el.getAttribute('class')}: ${px.toFixed(1)}px "${el.textContent.trim().slice(0, 20)}"`);
    }
    const r = (s) => document.querySelector(s).getBoundingClientRect();
    return { small, scrollW: document.documentElement.scrollWidth, w: innerWidth,
      stacked: r('.side').top >= r('.stage').bottom - 1 && r('.stage').width > 340,
      bottom: [...document.querySelectorAll('.bottom > .panel')].every((p) => p.getBoundingClientRect().width > 340) };
  });
  assert(m.scrollW <= m.w, `no sideways scroll: ${m.scrollW} > ${m.w}`);
  assert(m.stacked && m.bottom, `panels stacked: ${JSON.stringify(m)}`);
  assert(m.small.length === 0, `text under 12 px: ${[...new Set(m.small.map((x) => x.split(":")[0]))].join(", ")} ${m.small.slice(0, 3).join(' | ')} (${m.small.length})`);
  // The topology pans inside its own panel.
  const pan = await page.evaluate(() => { const s = document.querySelector('.stage'); return s.scrollWidth > s.clientWidth && getComputedStyle(s).overflowX; });
  assert(pan === 'auto', `the canvas pans in its panel: ${pan}`);
  await page.screenshot({ path: join(shots, 'phone-375-inspector.png') });
  assert(errors.length === 0, errors.join(' | '));
  await ctx.close();
});

test('high volume: 200 chips are painted on a canvas, a click on one inspects it, and SVG chips return below 100', async ({ page, url }) => {
  await page.goto(url + '/index.html');
  await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
  const QURL = 'https://sqs.us-east-1.amazonaws.com/000000000000/many';
  await page.evaluate((QURL) => {
    const lines = [{ call: 'sqs.CreateQueue', input: { QueueName: 'many', Attributes: { VisibilityTimeout: '20' } } }];
    for (let b = 0; b < 20; b++) {
      const Entries = [];
      for (let i = 0; i < 10; i++) Entries.push({ Id: `m${i}`, MessageBody: `message ${b * 10 + i}` });
      lines.push({ call: 'sqs.SendMessageBatch', input: { QueueUrl: QURL, Entries } });
    }
    lines.push({ call: 'sqs.ReceiveMessage', input: { QueueUrl: QURL, MaxNumberOfMessages: 10 } });
    DecoupleLab.main.run(lines);
  }, QURL);
  await page.waitForTimeout(800);
  const n = await page.evaluate(() => ({ chips: DecoupleLab.main.chips(), svg: document.querySelectorAll('.chips g.chip:not(.flight)').length,
    canvas: document.querySelector('.chip-canvas').width }));
  assert(n.chips === 200 && n.svg === 0 && n.canvas > 0, `painted on the canvas: ${JSON.stringify(n)}`);
  await page.screenshot({ path: join(shots, 'many-chips.png') });
  // The first in-flight chip sits at the consumer's top-left slot (layout: consumer at x 730, chips from +8, +30).
  const box = await page.evaluate(() => {
    const r = document.querySelector('svg.canvas').getBoundingClientRect();
    const c = document.querySelector('g[data-node="c:many"] rect').getBBox();
    return { x: r.left + c.x + 16, y: r.top + c.y + 38 };
  });
  await page.mouse.click(box.x, box.y);
  await page.waitForFunction(() => /In flight/.test(document.querySelector('.inspector')?.textContent || ''));
  // Purge: the chips leave; below 100 the layer draws SVG chips again.
  await page.evaluate((QURL) => DecoupleLab.main.run([{ call: 'sqs.PurgeQueue', input: { QueueUrl: QURL } },
    { call: 'sqs.SendMessage', input: { QueueUrl: QURL, MessageBody: 'one' } }]), QURL);
  await page.waitForSelector('.chips g.chip.waiting');
  const after = await page.evaluate(() => DecoupleLab.main.chips());
  assert(after >= 1 && after < 100, `back to SVG chips: ${after}`);
});

await mkdir(shots, { recursive: true });
const server = await serve(dist);
const url = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

let passed = 0, failed = 0;
for (const t of tests) {
  if (only && !t.name.includes(only)) continue;
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  const started = Date.now();
  try {
    await t.fn({ page, url, context, browser });
    if (errors.length) throw new Error(`console errors: ${errors.join(' | ')}`);
    console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    passed++;
  } catch (e) {
    console.log(`FAIL ${t.name}\n     ${String(e.stack || e).split('\n').slice(0, 4).join('\n     ')}`);
    await page.screenshot({ path: join(shots, `fail-${tests.indexOf(t)}.png`) }).catch(() => {});
    failed++;
  }
  await context.close();
}
await browser.close();
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);

// Performance figures of the playground (reported, never asserted: no timed tests).
//
//   trunk build --release --cargo-profile wasm-release --dist /tmp/dist-release && DIST=/tmp/dist-release node tests/e2e/perf.mjs
//
// * bundle: the release wasm after `wasm-opt -Oz` (binaryen from npm), gzipped;
// * first render: navigation start → the canvas is in the document (median of 5 loads);
// * frame rate: median requestAnimationFrame rate while 500 message chips move (received,
//   returned by their visibility timeout, received again) in headless Chromium.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, dist } from './lib.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const wasm = join(dist, 'decouple-web_bg.wasm');
const opt = '/tmp/decouple-web.opt.wasm';
execFileSync(join(here, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasm, '-o', opt]);
const raw = statSync(wasm).size;
const optimized = statSync(opt).size;
const gz = gzipSync(readFileSync(opt), { level: 9 }).length;
const js = gzipSync(readFileSync(join(dist, 'decouple-web.js')), { level: 9 }).length;

const server = await serve();
const url = `http://127.0.0.1:${server.address().port}`;
const browser = await launch();

const renders = [];
for (let i = 0; i < 5; i++) {
  const page = await browser.newPage();
  await page.goto(url + '/index.html?lang=en');
  await page.waitForFunction(() => window.decoupleFirstRender);
  renders.push(await page.evaluate(() => window.decoupleFirstRender));
  await page.close();
}
renders.sort((a, b) => a - b);

const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
await page.goto(url + '/index.html?embed=1&mode=play');
await page.waitForFunction(() => window.DecoupleLab && window.DecoupleLab.main);
const QURL = 'https://sqs.us-east-1.amazonaws.com/000000000000/perf';
const result = await page.evaluate(async (QURL) => {
  const lab = window.DecoupleLab.main;
  const lines = [{ call: 'sqs.CreateQueue', input: { QueueName: 'perf', Attributes: { VisibilityTimeout: '1' } } }];
  for (let b = 0; b < 50; b++) {
    const Entries = [];
    for (let i = 0; i < 10; i++) Entries.push({ Id: `m${i}`, MessageBody: `message ${b * 10 + i}` });
    lines.push({ call: 'sqs.SendMessageBatch', input: { QueueUrl: QURL, Entries } });
  }
  lab.run(lines);
  const receives = [];
  for (let i = 0; i < 50; i++) receives.push({ call: 'sqs.ReceiveMessage', input: { QueueUrl: QURL, MaxNumberOfMessages: 10 } });
  lab.speed(1);
  lab.play();
  await new Promise((r) => setTimeout(r, 700));
  lab.resetFrames();
  const chips = [];
  for (let round = 0; round < 4; round++) {
    lab.run(receives);
    chips.push(lab.chips());
    await new Promise((r) => setTimeout(r, 1200));
  }
  lab.pause();
  return { fps: lab.fps(), chips: Math.max(...chips), state: lab.state().queues.perf };
}, QURL);
await browser.close();
server.close();

const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`wasm: ${kb(raw)} raw, ${kb(optimized)} after wasm-opt -Oz, ${kb(gz)} gzipped (+ JS glue ${kb(js)} gzipped)`);
console.log(`first render: median ${renders[2].toFixed(0)} ms (of ${renders.map((r) => r.toFixed(0)).join(', ')})`);
console.log(`frame rate: median ${result.fps.toFixed(1)} frames/s with ${result.chips} chips moving (queue: ${JSON.stringify({ waiting: result.state.waiting, inFlight: result.state.inFlight })})`);

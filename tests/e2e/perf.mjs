// Performance figures of the playground (reported, never asserted: no timed tests).
//
//   ./scripts/build-release.sh --dist /tmp/dist-release && DIST=/tmp/dist-release node tests/e2e/perf.mjs
//
// * bundle: the wasm as shipped (the release build runs `wasm-opt -Oz`; a dist built without
//   it is optimised here the same way to report the figure), raw and gzipped, and where the
//   bytes are (code per crate, from the names wasm-bindgen keeps before wasm-opt);
// * first render: navigation start → the canvas is in the document (median of 5 loads);
// * frame rate: median requestAnimationFrame rate while 500 message chips move (received,
//   returned by their visibility timeout, received again) in headless Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, launch, dist } from './lib.mjs';
import { sections, breakdown } from './wasm-sizes.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
let shipped = readFileSync(join(dist, 'decouple-web_bg.wasm'));
// Before wasm-opt: trunk's wasm-bindgen output of the last release build (with names).
const pre = join(here, '..', '..', 'target', 'wasm-bindgen', 'release', 'decouple-web_bg.wasm');
const before = existsSync(pre) ? readFileSync(pre) : null;
let note = 'as shipped';
if (sections(shipped).some((s) => s.name === 'custom:name')) {
  // Not optimised (a build without data-wasm-opt): optimise a copy as the release build does.
  const opt = '/tmp/decouple-web.opt.wasm';
  execFileSync(join(here, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
    '--enable-sign-ext', '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', '--low-memory-unused', '--strip-producers',
    '--converge', join(dist, 'decouple-web_bg.wasm'), '-o', opt]);
  shipped = readFileSync(opt);
  note = 'dist was not optimised: wasm-opt -Oz applied here';
}
const js = gz(readFileSync(join(dist, 'decouple-web.js')));
const sizes = [`wasm after wasm-opt -Oz (${note}): ${kb(shipped.length)} raw, ${kb(gz(shipped))} gzipped (+ JS glue ${kb(js)} gzipped)`];
if (before) sizes.push(`  before wasm-opt (target/wasm-bindgen/release, names kept): ${kb(before.length)} raw, ${kb(gz(before))} gzipped`);
for (const s of sections(shipped).filter((s) => s.size > 4096)) {
  sizes.push(`  section ${s.name}: ${kb(s.size)} raw, ${kb(gz(shipped.subarray(s.start, s.start + s.size)))} gzipped alone`);
}
if (before) {
  const rows = breakdown(before);
  const total = rows.reduce((a, [, b]) => a + b, 0);
  sizes.push(`  code before wasm-opt by owner (of ${kb(total)}; generics count where defined, e.g. BTreeMap under alloc):`);
  for (const [k, b] of rows.slice(0, 16)) sizes.push(`    ${kb(b).padStart(10)} ${((100 * b) / total).toFixed(1).padStart(5)}%  ${k}`);
}
console.log(sizes.join('\n'));

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

console.log(`first render: median ${renders[2].toFixed(0)} ms (of ${renders.map((r) => r.toFixed(0)).join(', ')})`);
console.log(`frame rate: median ${result.fps.toFixed(1)} frames/s with ${result.chips} chips moving (queue: ${JSON.stringify({ waiting: result.state.waiting, inFlight: result.state.inFlight })})`);

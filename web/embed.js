// Decouple Lab embed loader for documentation pages.
//
//   <div data-decouple-lab data-mode="play" data-scenario-src="scenarios/visibility.jsonl"></div>
//   <script type="module" src="embed.js"></script>
//
// or, in your own module: `const DecoupleLab = await (await import('./embed.js')).ready();
// DecoupleLab.mount(element, { scenario, mode: 'view' | 'play' | 'edit', lang: 'en' | 'ko', autoplay: true })`.
import init from './decouple-web.js';

let loading = null;
export function ready() {
  if (!loading) loading = init().then(() => window.DecoupleLab);
  return loading;
}

// An empty placeholder says it is loading until its app mounts (mounting replaces its
// children), and why if the module cannot start.
function bootLine(el, text, failed = false) {
  if (el.__decoupleLab || (el.childElementCount && !el.querySelector(':scope > .lab-boot'))) return;
  const lang = el.dataset.lang || document.documentElement.lang || 'en';
  const p = document.createElement('p');
  p.className = failed ? 'lab-boot failed' : 'lab-boot';
  p.setAttribute('role', 'status');
  p.textContent = text[lang === 'ko' ? 1 : 0];
  el.replaceChildren(p);
}

async function mountAll() {
  const els = [...document.querySelectorAll('[data-decouple-lab]')];
  els.forEach((el) => bootLine(el, ['Loading the simulator…', '시뮬레이터를 불러오는 중…']));
  let lab;
  try {
    lab = await ready();
  } catch (e) {
    const why = String((e && e.message) || e);
    els.forEach((el) => bootLine(el, [`The simulator could not start: ${why}`, `시뮬레이터를 시작할 수 없습니다: ${why}`], true));
    throw e;
  }
  for (const el of document.querySelectorAll('[data-decouple-lab]')) {
    if (el.__decoupleLab) continue;
    let scenario = el.dataset.scenario;
    if (el.dataset.scenarioSrc) scenario = await (await fetch(el.dataset.scenarioSrc)).text();
    el.__decoupleLab = lab.mount(el, {
      scenario,
      mode: el.dataset.mode || 'play',
      lang: el.dataset.lang || document.documentElement.lang || 'en',
      autoplay: el.dataset.autoplay === 'true',
    });
  }
  document.dispatchEvent(new CustomEvent('decouple-lab-ready'));
}

mountAll();

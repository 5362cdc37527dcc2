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

async function mountAll() {
  const lab = await ready();
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

// Untranslated words in the Korean view: every visible text (and accessible name) is split
// into words; a lowercase English word is flagged unless it is an AWS or protocol name, a unit,
// or a name the scenario itself chose (resources, actors, message bodies). AWS API names
// (CamelCase) and constants (UPPER_CASE) stay English by design, as do code, JSON, the script
// editor and the event log's event names.
export async function untranslated(page, names = []) {
  return page.evaluate((names) => {
    const ALLOWED = new Set(['sqs', 'sns', 'kinesis', 'firehose', 'lambda', 's3', 'cloudwatch', 'script', 'sim', 'email', 'http', 'https', 'sms',
      'application', 'ms', 'mib', 'kb', 'mi', 'aws', 'arn', 'json', 'md5', 'fifo', 'id', 'us', 'east', 'epoch', 'base64', 'url', 'redrive', 'true', 'false', 'null', ...names.map((n) => n.toLowerCase())]);
    const SKIP = 'code, pre, textarea, script, style, title, option, .events .type, .events .subject, .events .err, .fname, dt, .flash.error, .script-messages';
    const out = new Map();
    const check = (text, where) => {
      // Words: runs of letters; identifiers with digits, dots, dashes, colons or slashes are names.
      for (const tok of text.split(/[\s·,()[\]{}"“”'’…→←=+<>|;!?]+/)) {
        if (!tok || /[0-9.:\/_@-]/.test(tok.replace(/[.:]$/, ''))) continue;
        const w = tok.replace(/[.:]$/, '');
        if (!/^[a-z]{2,}$/.test(w)) continue; // CamelCase API names and UPPER constants stay English
        if (ALLOWED.has(w)) continue;
        const k = `${where}: ${w}`;
        if (!out.has(k)) out.set(k, text.trim().slice(0, 50));
      }
    };
    const sel = (el) => el.tagName.toLowerCase() + (el.getAttribute('class') ? '.' + el.getAttribute('class').trim().split(/\s+/)[0] : '');
    const w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const el = n.parentElement;
      if (!n.nodeValue.trim() || !el || el.closest(SKIP)) continue;
      if (el.closest('.script .editor')) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || getComputedStyle(el).visibility !== 'visible') continue;
      check(n.nodeValue, `${sel(el.parentElement)} > ${sel(el)}`);
    }
    for (const el of document.querySelectorAll('[aria-label], [placeholder]')) {
      for (const a of ['aria-label', 'placeholder']) if (el.getAttribute(a)) check(el.getAttribute(a), `${sel(el)}[${a}]`);
    }
    for (const s of document.querySelectorAll('select')) if (s.selectedOptions[0]) check(s.selectedOptions[0].textContent, `${sel(s)} (selected)`);
    return [...out].map(([k, v]) => `${k}  ("${v}")`);
  }, names);
}

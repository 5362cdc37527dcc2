// Colour contrast, measured in the running page (WCAG 2.1 AA).
//
// `auditText` walks every visible text (HTML text nodes, SVG <text>, the values and
// placeholders of form controls), takes its colour (with the opacity of its ancestors) and the
// colour painted beneath it (the stack of elements at the text's position, from
// document.elementsFromPoint, composited until opaque: HTML backgrounds and SVG shape fills;
// an SVG halo stroke drawn under the glyphs counts as the background) and needs 4.5:1, or 3:1
// for large text (24 px, or 18.66 px bold). Disabled controls are exempt, as WCAG says.
//
// `auditFocus` tabs through the page and measures each focus indicator (the outline, or the
// stroke of a canvas node's box) against the colours next to it: 3:1 (WCAG 1.4.11), and
// `auditBoundaries` does the same for the borders of text fields and menus.
//
// Each returns { checked, min: { ratio, sel }, failures: [{ sel, ratio, need, fg, bg, text }] }.

// The measuring code, injected once per page (functions on window.__contrast).
function install() {
  if (window.__contrast) return;
  const parse = (s) => {
    const m = /^rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+%?))?\)$/.exec(String(s).trim());
    if (!m) return null;
    let a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
    return { r: +m[1], g: +m[2], b: +m[3], a };
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const hex = (c) => '#' + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
  const opacity = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= parseFloat(getComputedStyle(e).opacity);
    return o;
  };
  const SHAPES = new Set(['rect', 'circle', 'ellipse', 'path', 'polygon']);
  // The colour painted at (x, y) beneath everything `skip` rejects.
  const bgAt = (x, y, skip) => {
    const layers = [];
    for (const el of document.elementsFromPoint(x, y)) {
      if (skip(el) || el.tagName === 'CANVAS') continue;
      const cs = getComputedStyle(el);
      let c = null;
      if (el instanceof SVGElement) {
        if (SHAPES.has(el.tagName)) { c = parse(cs.fill); if (c) c.a *= parseFloat(cs.fillOpacity); }
      } else c = parse(cs.backgroundColor);
      if (c && c.a > 0) {
        c.a *= opacity(el);
        layers.push(c);
        if (c.a >= 0.999) break;
      }
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 }; // the browser's canvas
    for (const l of layers.reverse()) bg = over(l, bg);
    return bg;
  };
  const sel = (el) => {
    const parts = [];
    for (let e = el, i = 0; e && e.nodeType === 1 && i < 4 && e !== document.body; e = e.parentElement, i++) {
      let p = e.tagName.toLowerCase();
      const cls = typeof e.className === 'string' ? e.className : e.getAttribute('class') || '';
      if (cls.trim()) p += '.' + cls.trim().split(/\s+/).slice(0, 3).join('.');
      if (e.getAttribute('data-node') && i > 0) { parts.unshift(`${p}[data-node^="${e.getAttribute('data-node').split(':')[0]}:"]`); break; }
      parts.unshift(p);
    }
    return parts.join(' > ');
  };
  const inView = (r) => r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;
  const visibleRects = (el, rectsOf) => {
    let rects = [...rectsOf()].filter((r) => r.width > 1 && r.height > 1);
    if (!rects.length) return [];
    if (!inView(rects[0])) { el.scrollIntoView({ block: 'center', inline: 'center' }); rects = [...rectsOf()].filter((r) => r.width > 1 && r.height > 1); }
    return rects.filter(inView).slice(0, 3);
  };
  const style = document.createElement('style');
  style.textContent = '* { pointer-events: auto !important; }';

  function auditText() {
    document.head.appendChild(style);
    const out = { checked: 0, failures: [], min: { ratio: 99, sel: '' } };
    const seen = new Map();
    const measure = (el, fg, rects, skip, text, halo) => {
      const cs = getComputedStyle(el);
      const size = parseFloat(cs.fontSize), bold = parseInt(cs.fontWeight, 10) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      let worst = null;
      for (const r of rects) {
        for (const fx of [0.25, 0.5, 0.75]) {
          const x = r.left + r.width * fx, y = r.top + r.height / 2;
          if (!document.elementsFromPoint(x, y).some((e) => e === el || el.contains(e) || e.contains(el))) continue; // covered or clipped
          let bg = bgAt(x, y, skip);
          if (halo) bg = over(halo, bg);
          const f = over(fg, bg);
          const k = ratio(f, bg);
          if (!worst || k < worst.ratio) worst = { ratio: k, fg: hex(f), bg: hex(bg) };
        }
      }
      if (!worst) return;
      out.checked++;
      const s = sel(el);
      if (worst.ratio < out.min.ratio) out.min = { ratio: +worst.ratio.toFixed(2), sel: s, fg: worst.fg, bg: worst.bg };
      if (worst.ratio < need) {
        const key = `${s}|${worst.fg}|${worst.bg}`;
        if (!seen.has(key)) {
          seen.set(key, true);
          out.failures.push({ sel: s, ratio: +worst.ratio.toFixed(2), need, fg: worst.fg, bg: worst.bg, text: text.trim().slice(0, 30) });
        }
      }
    };
    const owners = new Set();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.nodeValue.trim()) continue;
      const el = n.parentElement;
      if (!el || el.closest('option, script, style, title, textarea, noscript')) continue;
      if (el.closest(':disabled')) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility !== 'visible') continue;
      const svg = el instanceof SVGElement;
      const textEl = svg ? el.closest('text') : el;
      if (!textEl) continue;
      if (svg) {
        if (owners.has(textEl)) continue;
        owners.add(textEl);
        const ts = getComputedStyle(textEl);
        const fg = parse(ts.fill);
        if (!fg) continue;
        fg.a *= parseFloat(ts.fillOpacity) * opacity(textEl);
        if (fg.a === 0) continue;
        let halo = null;
        const stroke = parse(ts.stroke);
        if (stroke && parseFloat(ts.strokeWidth) >= 2 && /^stroke/.test(ts.paintOrder)) { halo = stroke; halo.a *= opacity(textEl); }
        const rects = visibleRects(textEl, () => [textEl.getBoundingClientRect()]);
        measure(textEl, fg, rects, (e) => e === textEl || e.tagName === 'text' || e.tagName === 'tspan' || textEl.contains(e), textEl.textContent, halo);
      } else {
        const fg = parse(cs.color);
        if (!fg) continue;
        fg.a *= opacity(el);
        if (fg.a === 0) continue;
        const range = document.createRange();
        range.selectNodeContents(n);
        const rects = visibleRects(el, () => range.getClientRects());
        measure(el, fg, rects, () => false, n.nodeValue);
      }
    }
    // Values and placeholders of text fields and menus.
    for (const el of document.querySelectorAll('input:not([type]), input[type=text], input[type=number], input[type=search], select, textarea')) {
      if (el.disabled) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility !== 'visible') continue;
      const value = el.tagName === 'SELECT' ? (el.selectedOptions[0] || {}).textContent || '' : el.value;
      const text = value || el.placeholder || '';
      if (!text.trim()) continue;
      const fg = parse(value ? cs.color : getComputedStyle(el, '::placeholder').color);
      if (!fg) continue;
      fg.a *= opacity(el);
      if (fg.a === 0) continue;
      const rects = visibleRects(el, () => [el.getBoundingClientRect()]);
      measure(el, fg, rects, () => false, text);
    }
    style.remove();
    return out;
  }

  // The colours around an element's box, `gap` px outside it (other chips and records, which
  // sit close together on the canvas, are looked through: the indicator is read against the
  // background they sit on).
  function around(el, gap) {
    const r = el.getBoundingClientRect();
    const skip = (e) => el.contains(e) || (e instanceof SVGElement && !!e.closest('g.chip, g.record, g.reader'));
    const pts = [[r.left - gap, r.top + r.height / 2], [r.right + gap, r.top + r.height / 2], [r.left + r.width / 2, r.top - gap], [r.left + r.width / 2, r.bottom + gap]];
    return pts.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight).map(([x, y]) => bgAt(x, y, skip));
  }

  // The focused element's indicator against its surroundings: an outline (on the element or,
  // by :focus-within, on a near ancestor), with an optional ring (a box-shadow) inside it; it
  // passes where one of its colours reaches 3:1 against the colour beside it. A canvas node's
  // indicator is the stroke of its box, against the canvas and against the box's fill.
  function focusIndicator() {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    document.head.appendChild(style);
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const s = sel(el);
    let res = { sel: s, kind: 'none', ratio: 0, next: [] };
    let owner = null;
    for (let e = el, i = 0; e && e.nodeType === 1 && i < 3; e = e.parentElement, i++) {
      const cs = getComputedStyle(e);
      if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 1) { owner = e; break; }
    }
    const box = el instanceof SVGGElement ? el.querySelector(':scope > rect') : null;
    const bs = box && getComputedStyle(box);
    if (owner) {
      const cs = getComputedStyle(owner);
      const outline = parse(cs.outlineColor);
      const colours = [outline];
      const ring = /^(rgba?\([^)]*\))\s+0px\s+0px\s+0px\s+([\d.]+)px/.exec(cs.boxShadow);
      if (ring && parseFloat(ring[2]) >= 1 && !(owner instanceof SVGElement)) {
        const rc = parse(ring[1]);
        if (rc && ratio(over(outline, rc), rc) >= 3) colours.push(rc);
      }
      const gap = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth) + 2;
      const adj = around(owner, gap);
      const ks = adj.map((bg) => Math.max(...colours.map((c) => ratio(over(c, bg), bg))));
      res = { sel: s, kind: 'outline', color: colours.map(hex).join('+'), ratio: ks.length ? Math.min(...ks) : 99, next: adj.map(hex) };
    } else if (bs && parseFloat(bs.strokeWidth) >= 2 && parse(bs.stroke)) {
      const c = parse(bs.stroke);
      const r = box.getBoundingClientRect();
      const inside = bgAt(r.left + 4, r.top + 4, (e) => e.tagName === 'text' || e.tagName === 'tspan');
      const adj = [...around(el, 3), inside];
      const ks = adj.map((bg) => ratio(over(c, bg), bg));
      res = { sel: s, kind: 'stroke', color: hex(c), ratio: Math.min(...ks), next: adj.map(hex) };
    }
    style.remove();
    return res;
  }

  // Borders of text fields and menus against what surrounds them (they identify the control).
  function auditBoundaries() {
    document.head.appendChild(style);
    const out = { checked: 0, failures: [], min: { ratio: 99, sel: '' } };
    const seen = new Set();
    for (const el of document.querySelectorAll('input:not([type]), input[type=text], input[type=number], select, textarea:not(.code)')) {
      const cs = getComputedStyle(el);
      if (el.disabled || cs.visibility !== 'visible' || parseFloat(cs.borderLeftWidth) < 1) continue;
      const rects = visibleRects(el, () => [el.getBoundingClientRect()]);
      if (!rects.length) continue;
      const c = parse(cs.borderLeftColor);
      const adj = around(el, 2);
      if (!c || !adj.length) continue;
      out.checked++;
      const k = Math.min(...adj.map((bg) => ratio(over(c, bg), bg)));
      const s = sel(el);
      if (k < out.min.ratio) out.min = { ratio: +k.toFixed(2), sel: s };
      if (k < 3 && !seen.has(s)) { seen.add(s); out.failures.push({ sel: s, ratio: +k.toFixed(2), need: 3, fg: hex(c), bg: adj.map(hex).join(' ') }); }
    }
    style.remove();
    return out;
  }

  window.__contrast = { auditText, focusIndicator, auditBoundaries };
}

export async function auditText(page) {
  await page.evaluate(install);
  return page.evaluate(() => window.__contrast.auditText());
}

export async function auditBoundaries(page) {
  await page.evaluate(install);
  return page.evaluate(() => window.__contrast.auditBoundaries());
}

// Tabs through the page (at most `max` stops) and measures every focus indicator.
export async function auditFocus(page, max = 400) {
  await page.evaluate(install);
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  const out = { checked: 0, failures: [], min: { ratio: 99, sel: '' } };
  const seen = new Set();
  let first = null;
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      if (!el.__tabbed) el.__tabbed = Math.random().toString(36).slice(2);
      return { id: el.__tabbed, res: window.__contrast.focusIndicator() };
    });
    if (!r) continue;
    if (r.id === first) break;
    first = first || r.id;
    out.checked++;
    const f = r.res;
    if (f.ratio < out.min.ratio) out.min = { ratio: +f.ratio.toFixed(2), sel: f.sel };
    if (f.ratio < 3 && !seen.has(f.sel)) { seen.add(f.sel); out.failures.push({ sel: f.sel, ratio: +f.ratio.toFixed(2), need: 3, fg: f.color || f.kind, bg: f.next.join(' ') }); }
  }
  return out;
}

export function describe(name, r) {
  const lines = r.failures.map((f) => `  ${f.ratio.toFixed(2)} < ${f.need}  ${f.sel}  ${f.fg} on ${f.bg}${f.text ? `  "${f.text}"` : ''}`);
  return `${name}: ${r.checked} checked, lowest ${r.min.ratio} (${r.min.sel}), ${r.failures.length} failing\n${lines.join('\n')}`;
}

// Where the bytes of a WebAssembly module are: section sizes, and (when the module keeps its
// `name` section, as wasm-bindgen's output before wasm-opt does) code bytes per crate and per
// module of our crates. Used by perf.mjs; on its own: `node tests/e2e/wasm-sizes.mjs FILE`.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function leb(buf, i) {
  let r = 0, shift = 0, b;
  do {
    b = buf[i++];
    r += (b & 0x7f) * 2 ** shift;
    shift += 7;
  } while (b & 0x80);
  return [r, i];
}

const KINDS = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount'];

/** Sections of a module: [{ name, start, size }]. */
export function sections(buf) {
  const out = [];
  let i = 8;
  while (i < buf.length) {
    const id = buf[i++];
    let size;
    [size, i] = leb(buf, i);
    let name = KINDS[id] || `section ${id}`;
    if (id === 0) {
      const [n, j] = leb(buf, i);
      name = `custom:${buf.subarray(j, j + n).toString()}`;
    }
    out.push({ name, start: i, size });
    i += size;
  }
  return out;
}

/** Function bodies with their names (from the `name` section), or [] without one. */
export function functions(buf) {
  const secs = sections(buf);
  const names = new Map();
  const nameSec = secs.find((s) => s.name === 'custom:name');
  if (!nameSec) return [];
  let i = nameSec.start;
  let n;
  [n, i] = leb(buf, i);
  i += n;
  const end = nameSec.start + nameSec.size;
  while (i < end) {
    const sub = buf[i++];
    let size;
    [size, i] = leb(buf, i);
    if (sub === 1) {
      let j = i, count;
      [count, j] = leb(buf, j);
      for (let k = 0; k < count; k++) {
        let idx, len;
        [idx, j] = leb(buf, j);
        [len, j] = leb(buf, j);
        names.set(idx, buf.subarray(j, j + len).toString());
        j += len;
      }
    }
    i += size;
  }
  let imported = 0;
  const imp = secs.find((s) => s.name === 'import');
  if (imp) {
    let j = imp.start, count;
    [count, j] = leb(buf, j);
    for (let k = 0; k < count; k++) {
      let len;
      [len, j] = leb(buf, j); j += len;
      [len, j] = leb(buf, j); j += len;
      const kind = buf[j++];
      if (kind === 0) { [, j] = leb(buf, j); imported++; }
      else if (kind === 1) { j++; const flags = buf[j++]; [, j] = leb(buf, j); if (flags & 1) [, j] = leb(buf, j); }
      else if (kind === 2) { const flags = buf[j++]; [, j] = leb(buf, j); if (flags & 1) [, j] = leb(buf, j); }
      else if (kind === 3) j += 2;
    }
  }
  const code = secs.find((s) => s.name === 'code');
  const out = [];
  let j = code.start, count;
  [count, j] = leb(buf, j);
  for (let k = 0; k < count; k++) {
    const at = j;
    let size;
    [size, j] = leb(buf, j);
    j += size;
    out.push({ name: names.get(imported + k) || `f${imported + k}`, bytes: j - at });
  }
  return out;
}

/** Rust symbol (legacy mangling or already demangled) → "crate" or "crate::module". */
function owner(name) {
  let s = name;
  const m = /^_ZN(.*)E$/.exec(s);
  if (m) {
    const parts = [];
    let t = m[1];
    while (t.length) {
      const d = /^(\d+)/.exec(t);
      if (!d) break;
      const n = Number(d[1]);
      parts.push(t.slice(d[1].length, d[1].length + n));
      t = t.slice(d[1].length + n);
    }
    s = parts.join('::').replace(/\$LT\$/g, '<').replace(/\$GT\$/g, '>').replace(/\$u20\$/g, ' ').replace(/\.\./g, '::');
  }
  // The innermost type or path the symbol is about: `<a::B as c::D>::f` belongs to `a`.
  const path = s.replace(/^[<&_ *]+/, '').replace(/^(mut |dyn )/, '');
  const seg = path.split('::');
  const crate = seg[0].replace(/\[[0-9a-f]+\]$/, '');
  if (crate.startsWith('decouple_') && seg[1]) return `${crate}::${seg[1].replace(/[<>{].*$/, '')}`;
  if (/^_R/.test(crate)) return 'std/core (v0 symbols)';
  return crate;
}

/** Code bytes grouped by owner, largest first. */
export function breakdown(buf) {
  const by = new Map();
  for (const f of functions(buf)) {
    const k = owner(f.name);
    by.set(k, (by.get(k) || 0) + f.bytes);
  }
  return [...by.entries()].sort((a, b) => b[1] - a[1]);
}

/** Code bytes of generic families that grow with every type they are used with. */
export function families(buf) {
  const by = { 'BTreeMap/BTreeSet': 0, 'slice sorts': 0, 'serde Deserialize': 0, 'serde Serialize': 0, 'core::fmt': 0 };
  for (const { name, bytes } of functions(buf)) {
    if (/btree/i.test(name)) by['BTreeMap/BTreeSet'] += bytes;
    else if (/slice::sort/.test(name)) by['slice sorts'] += bytes;
    else if (/Deserialize|Visitor|visit_/.test(name)) by['serde Deserialize'] += bytes;
    else if (/Serialize/.test(name)) by['serde Serialize'] += bytes;
    else if (/core::fmt|core\[[0-9a-f]+\]::fmt/.test(name)) by['core::fmt'] += bytes;
  }
  return Object.entries(by);
}

// `node tests/e2e/wasm-sizes.mjs FILE [OWNERS] [--top N]`: sections, code per owner, and with
// --top the N largest functions and the generic families.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1] || 40) : 0;
  const buf = readFileSync(args[0]);
  for (const s of sections(buf)) console.log(`${String(s.size).padStart(9)}  ${s.name}`);
  const rows = breakdown(buf);
  const total = rows.reduce((a, [, b]) => a + b, 0);
  if (rows.length) console.log(`code by owner (${total} bytes):`);
  for (const [k, b] of rows.slice(0, Number(args[1] || 40))) {
    console.log(`${String(b).padStart(9)}  ${((100 * b) / total).toFixed(1).padStart(5)}%  ${k}`);
  }
  if (top && rows.length) {
    console.log(`largest functions:`);
    const fns = functions(buf).sort((a, b) => b.bytes - a.bytes);
    for (const f of fns.slice(0, top)) console.log(`${String(f.bytes).padStart(9)}  ${f.name.slice(0, 160)}`);
    console.log(`generic families:`);
    for (const [k, b] of families(buf)) console.log(`${String(b).padStart(9)}  ${k}`);
  }
}

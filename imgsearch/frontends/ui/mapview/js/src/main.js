// imgsearch map: a Streamlit (components v1) custom component, WebGL 2, offline.
//
// The points are drawn by points.js (plain WebGL 2, one draw call, a density image when too many
// are in view); deck.gl 9 draws what is small on top (thumbnails, the selection, the neighbours)
// and runs the pan/zoom controller. Hover, click and the lasso are answered by a k-d tree of the
// points (kdbush) in this page: no GPU picking pass, no readPixels.
//
// Data never travel in the websocket: the Python side registers compact binary blobs on the
// app's own HTTP routes (content-addressed, cached by the browser) and passes only their URLs.
//   geometry: x f32[n] | y f32[n] | image_id i32[n]   (sorted by image_id)
//   colour / hover columns: u16[n] codes (65535 = missing)
// Interaction state (selection marker, lasso, clear) lives here; Python receives events
//   {id, kind: 'click', image_id} | {id, kind: 'lasso', polygon, count} | {id, kind: 'clear'}
// and may send a selection back (args.selection) to restore it after a remount or to link views.
import {Deck, OrthographicView} from '@deck.gl/core';
import {ScatterplotLayer, IconLayer} from '@deck.gl/layers';
import KDBush from 'kdbush';
import {PointsGL} from './points.js';

const MISSING = 65535;
// Above this many points in view the map draws their density instead (a software rasteriser
// spends about 0.7 us a point; args.point_budget overrides it).
const POINT_BUDGET = 200000;
const NONCE = Math.random().toString(36).slice(2, 8);
const post = (type, extra = {}) => window.parent.postMessage({isStreamlitMessage: true, type, ...extra}, '*');
const S = {seq: 0, mode: 'pan', args: null, geom: null, geomUrl: null, colour: null, colourKey: null,
  hover: [], hoverKey: null, selected: null, selToken: null, neighbours: null, neighboursKey: null,
  deck: null, view: null, painted: false, paints: 0, loads: 0, fetches: 0, frames: 0, gl: null, tree: null,
  drawn: null, sprites: null, error: null};
window.__mapview = S;

document.body.style.margin = '0';
document.body.style.fontFamily = '"Source Sans Pro", "Source Sans 3", sans-serif';
document.body.innerHTML = `
<style>
 #bar button { font: 13px sans-serif; padding: 3px 9px; border: 1px solid #bbb; border-radius: 5px; background: #fff; cursor: pointer; }
 #bar button.on { background: #262730; color: #fff; border-color: #262730; }
 #legend { font: 12px sans-serif; color: #222; }
 #legend .row { display: flex; align-items: center; gap: 6px; padding: 1px 0; white-space: nowrap; }
 #legend .sw { width: 12px; height: 12px; border-radius: 50%; flex: none; border: 1px solid rgba(0,0,0,.25); }
 #legend .n { color: #777; margin-left: auto; padding-left: 6px; }
 #legend .title { font-weight: 600; margin-bottom: 4px; }
 #bar { white-space: nowrap; overflow: hidden; }
 #status { overflow: hidden; text-overflow: ellipsis; }
 @media (max-width: 820px) {
   #legend { width: 118px !important; }
   #bar button { padding: 2px 6px; font-size: 12px; }
   #status { font-size: 12px; }
 }
 .deck-tooltip { position: absolute; top: 0; left: 0; z-index: 1; pointer-events: none; }
 .deck-tooltip img { display: block; width: 112px; height: 112px; object-fit: contain; margin-bottom: 3px; background: #f4f4f4; }
</style>
<div id="bar" style="display:flex;gap:6px;align-items:center;height:34px;font:13px sans-serif">
  <button data-mode="pan" title="Drag to pan, scroll to zoom, click a point to select it">Pan / zoom</button>
  <button data-mode="lasso" title="Draw around points to select them">Lasso</button>
  <button id="clear" title="Clear the selection">Clear selection</button>
  <button id="reset" title="Show every point">Reset view</button>
  <span id="status" style="color:#555;margin-left:8px"></span></div>
<div id="main" style="display:flex;gap:8px">
  <div id="wrap" style="position:relative;flex:1;min-width:0;border:1px solid #e6e6e6;border-radius:6px;overflow:hidden">
    <canvas id="points" style="position:absolute;inset:0;width:100%;height:100%"></canvas>
    <div id="map" style="position:absolute;inset:0"></div>
    <div class="deck-tooltip" style="display:none"></div>
    <svg id="lasso" style="position:absolute;inset:0;pointer-events:none;width:100%;height:100%">
      <polyline fill="rgba(0,0,0,0.08)" stroke="#000" stroke-dasharray="4 3"/></svg>
    <div id="msg" style="position:absolute;left:10px;top:8px;font:13px sans-serif;color:#555;pointer-events:none"></div>
  </div>
  <div id="legend" style="width:190px;flex:none;overflow-y:auto"></div>
</div>`;
const $ = s => document.querySelector(s);
const esc = s => String(s).replace(/[&<>"']/g, c => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

function send(value) {
  const id = `${NONCE}:${++S.seq}`;
  S.sentAt = performance.timeOrigin + performance.now();       // for the benchmark
  if (value.kind !== 'view') S.selToken = id;
  post('streamlit:setComponentValue', {value: {id, ...value}, dataType: 'json'});
}

// ---------- data -------------------------------------------------------------------------
// The promise is cached, not the bytes: a second render() while the first fetch is still on the
// wire waits for it instead of fetching the blob again. Every blob is an array of `width`-byte
// numbers sent as its byte planes (see register in mapview/__init__.py); the browser ungzips it.
const cache = new Map();
function fetchBuf(url, width) {
  if (cache.has(url)) return cache.get(url);
  S.fetches++;
  const p = fetch(url).then(r => {
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return r.arrayBuffer();
  }).then(buf => unplane(new Uint8Array(buf), width));
  p.catch(() => cache.delete(url));
  if (cache.size > 12) cache.delete(cache.keys().next().value);
  cache.set(url, p);
  return p;
}

function unplane(planes, width) {      // byte planes -> the array's own little-endian bytes
  const n = planes.length / width, out = new Uint8Array(planes.length);
  for (let b = 0; b < width; b++) {
    const o = b * n;
    for (let i = 0, j = b; i < n; i++, j += width) out[j] = planes[o + i];
  }
  return out.buffer;
}

function decodeGeometry(buf, n) {
  const x = new Float32Array(buf, 0, n), y = new Float32Array(buf, 4 * n, n), ids = new Int32Array(buf, 8 * n, n);
  const pos = new Float32Array(2 * n);
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    const a = x[i], b = y[i]; pos[2 * i] = a; pos[2 * i + 1] = b;
    if (a < x0) x0 = a; if (a > x1) x1 = a; if (b < y0) y0 = b; if (b > y1) y1 = b;
  }
  if (!n) { x0 = y0 = -1; x1 = y1 = 1; }
  return {n, ids, pos, bounds: [x0, y0, x1, y1]};
}

function indexOf(id) {            // ids are sorted: binary search
  const ids = S.geom.ids; let lo = 0, hi = ids.length - 1;
  while (lo <= hi) { const m = (lo + hi) >> 1; if (ids[m] === id) return m; if (ids[m] < id) lo = m + 1; else hi = m - 1; }
  return -1;
}

function paint(colour, codes, n) {
  const col = new Uint8Array(4 * n), pal = colour.palette || [[90, 90, 90]], miss = colour.missing_colour || [187, 187, 187];
  const numeric = colour.kind === 'number';
  for (let i = 0; i < n; i++) {
    const c = codes ? codes[i] : 0;
    const rgb = c === MISSING ? miss : numeric ? pal[Math.min(pal.length - 1, (c * pal.length / 65535) | 0)] : pal[c % pal.length];
    col[4 * i] = rgb[0]; col[4 * i + 1] = rgb[1]; col[4 * i + 2] = rgb[2]; col[4 * i + 3] = 235;
  }
  return col;
}

// Draw order: the most common value first, "(none)" (missing) before everything, so rare
// categories (a few tagged images among thousands of untagged ones) are drawn on top.
// S.order[j] is the point drawn j-th; pickers map a drawn index back through it.
function drawOrder(spec, codes, n) {
  const order = new Uint32Array(n);
  if (!codes) { for (let i = 0; i < n; i++) order[i] = i; return order; }
  const numeric = spec.kind === 'number';
  const key = c => (c === MISSING ? 0 : numeric ? 1 : 2 + c);      // a bucket per category
  const buckets = numeric ? 2 : 2 + (spec.labels || []).length, count = new Array(buckets).fill(0);
  for (let i = 0; i < n; i++) count[key(codes[i])]++;
  // missing first, then categories from the most to the least common (numbers keep their order)
  const rank = [...count.keys()].sort((a, b) => (a === 0 ? -1 : b === 0 ? 1 : numeric ? a - b : count[b] - count[a] || a - b));
  const start = new Array(buckets).fill(0);
  let at = 0;
  for (const b of rank) { start[b] = at; at += count[b]; }
  for (let i = 0; i < n; i++) order[start[key(codes[i])]++] = i;
  return order;
}

function valueText(spec, code) {
  if (code === undefined) return '';
  if (code === MISSING) return spec.missing_label || '(none)';
  if (spec.kind === 'number') { const [lo, hi] = spec.range; return (lo + (hi - lo) * code / 65534).toPrecision(3); }
  return spec.labels[code] ?? '';
}

// ---------- layers -----------------------------------------------------------------------
function radius() {
  const a = S.args, n = S.geom ? S.geom.n : 0;
  if (a.point_radius) return a.point_radius;
  return n < 5000 ? 4 : n < 50000 ? 3 : n < 300000 ? 2 : 1.5;
}

function permute(arr, order, k) {
  const out = new arr.constructor(arr.length);
  for (let j = 0; j < order.length; j++) for (let c = 0; c < k; c++) out[k * j + c] = arr[k * order[j] + c];
  return out;
}

function idxPositions(idx) {
  const p = new Float32Array(2 * idx.length);
  for (let j = 0; j < idx.length; j++) { p[2 * j] = S.geom.pos[2 * idx[j]]; p[2 * j + 1] = S.geom.pos[2 * idx[j] + 1]; }
  return p;
}

const FRAME = 1.14;           // a frame's size over its thumbnail's
let FRAME_ATLAS = null;
function frameAtlas() {       // one white square, tinted per point (mask icons)
  if (!FRAME_ATLAS) {
    const c = document.createElement('canvas'); c.width = c.height = 256;
    const g = c.getContext('2d'); g.fillStyle = '#fff'; g.fillRect(0, 0, 256, 256);
    FRAME_ATLAS = c.toDataURL();
  }
  return FRAME_ATLAS;
}

function spriteVisible() {
  const sp = S.sprites;
  return sp && sp.ready && S.view && sp.size * Math.pow(2, S.view.zoom) >= (S.args.sprites.min_pixels || 22);
}

// ---------- the points: points.js, redrawn once a frame when something changed -----------------
function pointsGL() {
  if (!S.gl) S.gl = new PointsGL($('#points'));
  return S.gl;
}

function uploadPoints() {           // positions and colours in draw order, once per geometry/colour
  const g = S.geom, col = S.colour ? S.colour.col : paint({}, null, g.n);
  const order = S.order && S.order.length === g.n ? S.order : null;
  pointsGL().setData(order ? permute(g.pos, order, 2) : g.pos, order ? permute(col, order, 4) : col);
  S.drawn = S.colourKey;
}

let pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    try { drawPoints(); } catch (e) { S.error = String(e); $('#msg').textContent = `map error: ${e}`; }
  });
}

function drawPoints() {
  if (!S.geom || !S.view || S.colourKey === null) return;     // not before the colours are in
  const el = $('#map'), pg = pointsGL();
  if (S.drawn !== S.colourKey) { uploadPoints(); S.ringed = null; if (S.timing) S.timing.uploaded = performance.now(); }
  if (S.ringed !== S.selected) {     // the lasso's members, as indices into the draw order
    const sel = S.selected, many = sel && sel.idx.length > 1 && sel.kind !== 'click' ? sel.idx : null;
    let at = null;
    if (many) { at = new Uint32Array(many.length); for (let j = 0; j < many.length; j++) at[j] = S.rank ? S.rank[many[j]] : many[j]; }
    pg.setSelection(at);
    S.ringed = S.selected;
  }
  pg.resize(el.clientWidth || 800, el.clientHeight || 600, window.devicePixelRatio || 1);
  pg.draw(S.view, radius(), (S.args && S.args.point_budget) || POINT_BUDGET);
  S.frames++; S.mode_drawn = pg.mode; S.inView = pg.inView; S.lastFrameMs = pg.ms;
  if (!S.painted) {
    S.painted = true; S.paints++; S.paintedAt = performance.now();
    // the k-d tree once the page is idle (the first frame on screen first); a click before it
    // builds it at once
    (window.requestIdleCallback || (f => setTimeout(f, 200)))(() => tree(), {timeout: 3000});
  }
}

// ---------- the k-d tree: hover, click, lasso ------------------------------------------------
function tree() {
  if (!S.tree && S.geom) {
    const p = S.geom.pos, n = S.geom.n, t = new KDBush(Math.max(n, 1), 64, Float32Array);
    for (let i = 0; i < n; i++) t.add(p[2 * i], p[2 * i + 1]);
    if (!n) t.add(0, 0);
    t.finish();
    S.tree = t;
  }
  return S.tree;
}

function scale() { return Math.pow(2, S.view.zoom); }

function unproject(px, py) {        // pixel (relative to #map) -> data, the projection of points.js
  const el = $('#map'), s = scale();
  return [S.view.target[0] + (px - el.clientWidth / 2) / s, S.view.target[1] - (py - el.clientHeight / 2) / s];
}

// The point under a pixel: a thumbnail drawn there (the topmost), else the nearest point within
// `reach` pixels (ties: the one drawn last, on top). Returns its index, or -1.
function pointAt(px, py, reach) {
  if (!S.geom || !S.view || !S.geom.n) return -1;
  if (spriteVisible()) {
    const s = scale(), sp = S.sprites, framed = !!S.colour;
    for (let j = sp.data.length - 1; j >= 0; j--) {
      const d = sp.data[j], half = Math.min(d.size * (framed ? FRAME : 1) * s, 200 * (framed ? FRAME : 1)) / 2;
      const [cx, cy] = S.project(d.pos[0], d.pos[1]);
      if (Math.abs(px - cx) <= half && Math.abs(py - cy) <= half) return d.point;
    }
  }
  const [x, y] = unproject(px, py), r = reach / scale(), p = S.geom.pos;
  let best = -1, bd = Infinity, rank = -1;
  const drawnAt = S.rank;
  for (const i of tree().within(x, y, r)) {
    const d = (p[2 * i] - x) ** 2 + (p[2 * i + 1] - y) ** 2, k = drawnAt ? drawnAt[i] : i;
    if (d < bd || (d === bd && k > rank)) { best = i; bd = d; rank = k; }
  }
  return best;
}

function layers() {
  const g = S.geom, out = [];
  if (!g) return out;
  const r = radius();
  // no points: it compiles deck.gl's circle shader with the page, not on the first click
  out.push(new ScatterplotLayer({id: 'warm-up', data: {length: 0, attributes: {getPosition: {value: new Float32Array(0), size: 2}}},
    radiusUnits: 'pixels', getRadius: 1, stroked: true}));
  if (spriteVisible()) {
    const sp = S.sprites, col = S.colour ? S.colour.col : null;
    if (col) {       // a frame in the point's colour under each thumbnail: the colour stays visible
      out.push(new IconLayer({id: 'frames', data: sp.data, iconAtlas: frameAtlas(), iconMapping: sp.frameMapping,
        getIcon: d => d.icon, getPosition: d => d.pos, sizeUnits: 'common', getSize: d => d.size * FRAME,
        sizeMaxPixels: 200 * FRAME, alphaCutoff: 0,
        getColor: d => [col[4 * d.point], col[4 * d.point + 1], col[4 * d.point + 2], 255],
        updateTriggers: {getColor: S.colourKey}}));
    }
    out.push(new IconLayer({id: 'sprites', data: sp.data, iconAtlas: sp.image, iconMapping: sp.mapping,
      getIcon: d => d.icon, getPosition: d => d.pos, sizeUnits: 'common', getSize: d => d.size,
      sizeMaxPixels: 200, alphaCutoff: 0}));
  }
  const nb = S.neighbours;
  if (nb && nb.length) {
    // a white halo under a dark ring: readable on dark clusters and on light ones
    const data = {length: nb.length, attributes: {getPosition: {value: idxPositions(nb), size: 2}}};
    out.push(new ScatterplotLayer({id: 'neighbours-halo', data, radiusUnits: 'pixels', getRadius: r + 5, stroked: true,
      filled: false, getLineColor: [255, 255, 255, 255], lineWidthUnits: 'pixels', getLineWidth: 5,
      updateTriggers: {getPosition: S.neighboursKey}}));
    out.push(new ScatterplotLayer({id: 'neighbours', data, radiusUnits: 'pixels', getRadius: r + 5, stroked: true,
      filled: false, getLineColor: [20, 20, 20, 255], lineWidthUnits: 'pixels', getLineWidth: 2,
      updateTriggers: {getPosition: S.neighboursKey}}));
  }
  const sel = S.selected;
  if (sel && sel.idx.length && (sel.kind === 'click' || sel.idx.length === 1)) {
    const k = sel.idx.length, p = idxPositions(sel.idx);
    if (sel.kind === 'click' || k === 1) {       // the clicked image: a white-haloed black target
      const data = {length: k, attributes: {getPosition: {value: p, size: 2}}};
      out.push(new ScatterplotLayer({id: 'clicked-halo', data, radiusUnits: 'pixels', getRadius: 13, stroked: true,
        filled: false, getLineColor: [255, 255, 255, 255], lineWidthUnits: 'pixels', getLineWidth: 7}));
      out.push(new ScatterplotLayer({id: 'clicked', data, radiusUnits: 'pixels', getRadius: 13, stroked: true,
        filled: false, getLineColor: [0, 0, 0, 255], lineWidthUnits: 'pixels', getLineWidth: 3}));
      out.push(new ScatterplotLayer({id: 'clicked-dot', data, radiusUnits: 'pixels', getRadius: 4, filled: true,
        getFillColor: [0, 0, 0, 255]}));
    }     // more than one (a lasso): ringed by points.js (one gl.POINTS call after the points)

  }
  return out;
}

function redraw() { if (S.deck) S.deck.setProps({layers: layers()}); schedule(); }

function fitView() {
  const [x0, y0, x1, y1] = S.geom.bounds, w = $('#map').clientWidth || 800, h = $('#map').clientHeight || 600;
  const zoom = Math.log2(0.9 * Math.min(w / Math.max(x1 - x0, 1e-6), h / Math.max(y1 - y0, 1e-6)));
  return {target: [(x0 + x1) / 2, (y0 + y1) / 2, 0], zoom, minZoom: zoom - 3, maxZoom: zoom + 14};
}

// The view state is controlled here (deck's `viewState` prop, updated on every interaction), not
// handed over as `initialViewState`: deck.gl ignores an initialViewState deep-equal to the one
// it had, so "Reset view" to the same fitted view would not reach its controller, and the next
// wheel step would go on from the old zoom.
function setView(v) { S.view = {...v, transitionDuration: 0}; S.deck.setProps({viewState: S.view}); schedule(); }

function tooltip(i, x, y) {
  if (!S.geom || i < 0) return null;
  const a = S.args, id = S.geom.ids[i];
  const parts = S.hover.map(h => `${esc(h.spec.name)}: ${esc(valueText(h.spec, h.codes[i]))}`);
  if (S.colour && !S.hover.some(h => h.spec.name === a.colour.name) && a.colour.name)
    parts.push(`${esc(a.colour.name)}: ${esc(valueText(a.colour, S.colour.codes ? S.colour.codes[i] : undefined))}`);
  const src = a.thumb_url ? a.thumb_url.replace('{id}', id) : null;
  return {html: `${src ? `<img src="${src}" alt="image ${id}">` : ''}<div><b>#${id}</b></div><div>${parts.join('<br>')}</div>`,
    style: {background: '#fff', color: '#111', border: '1px solid #bbb', borderRadius: '4px', padding: '5px',
      font: '12px sans-serif', maxWidth: '220px', boxShadow: '0 1px 4px rgba(0,0,0,.2)',
      // keep it inside the map: flip to the left of / above the cursor near the right / bottom edge
      transform: `translate(${x}px, ${y}px) translate(${x > $('#map').clientWidth - 250 ? 'calc(-100% - 20px)' : '0'}, ${y > $('#map').clientHeight - 200 ? 'calc(-100% - 20px)' : '0'})`}};
}

const tip = $('.deck-tooltip');
function showTooltip(i, x, y) {
  const t = tooltip(i, x, y);
  if (!t) { tip.style.display = 'none'; tip.dataset.point = ''; return; }
  if (tip.dataset.point !== String(i)) { tip.innerHTML = t.html; tip.dataset.point = String(i); }
  Object.assign(tip.style, t.style, {display: 'block'});
}

function ensureDeck(args) {
  const h = args.height || 640;
  $('#wrap').style.height = h + 'px';
  $('#legend').style.height = h + 'px';
  if (S.deck) return;
  post('streamlit:setFrameHeight', {height: h + 40});
  S.deck = new Deck({
    parent: $('#map'), views: new OrthographicView({flipY: false}), width: '100%', height: '100%',
    viewState: {target: [0, 0, 0], zoom: 0}, controller: {doubleClickZoom: false},
    onViewStateChange: ({viewState}) => {
      const before = spriteVisible(); S.view = viewState;
      S.deck.setProps({viewState});
      maybeLoadSprites();
      if (before !== spriteVisible()) redraw(); else schedule();
      tip.style.display = 'none';
      return viewState;
    },
    onError: e => { S.error = String(e); $('#msg').textContent = `map error: ${e}`; },
  });
}

// ---------- legend -----------------------------------------------------------------------
function legend(spec, counts) {
  const el = $('#legend');
  if (!spec || !spec.kind || spec.kind === 'none') { el.innerHTML = ''; return; }
  let html = `<div class="title">${esc(spec.title || spec.name || '')}</div>`;
  const rgb = c => `rgb(${c[0]},${c[1]},${c[2]})`;
  if (spec.kind === 'number') {
    const stops = spec.palette.filter((_, i) => i % 16 === 0 || i === spec.palette.length - 1).map(rgb).join(',');
    const [lo, hi] = spec.range;
    html += `<div style="display:flex;gap:6px"><div style="width:14px;height:160px;border:1px solid #999;background:linear-gradient(to top,${stops})"></div>
      <div style="display:flex;flex-direction:column;justify-content:space-between;height:162px">
      <span>${esc(Number(hi).toPrecision(3))}</span><span>${esc(((lo + hi) / 2).toPrecision(3))}</span><span>${esc(Number(lo).toPrecision(3))}</span></div></div>`;
    if (counts && counts.missing) html += `<div class="row" style="margin-top:6px"><span class="sw" style="background:${rgb(spec.missing_colour)}"></span>${esc(spec.missing_label)}<span class="n">${counts.missing.toLocaleString()}</span></div>`;
  } else {
    spec.labels.forEach((lab, i) => {
      const n = counts ? counts.byCode[i] : 0;
      html += `<div class="row" data-code="${i}"><span class="sw" style="background:${rgb(spec.palette[i % spec.palette.length])}"></span>${esc(lab)}<span class="n">${n.toLocaleString()}</span></div>`;
    });
    if (counts && counts.missing) html += `<div class="row" data-code="missing"><span class="sw" style="background:${rgb(spec.missing_colour)}"></span>${esc(spec.missing_label)}<span class="n">${counts.missing.toLocaleString()}</span></div>`;
    if (spec.note) html += `<div style="color:#777;margin-top:6px;white-space:normal">${esc(spec.note)}</div>`;
  }
  el.innerHTML = html;
}

function countCodes(spec, codes) {
  const byCode = new Array(spec.kind === 'number' ? 0 : spec.labels.length).fill(0);
  let missing = 0;
  if (codes) for (let i = 0; i < codes.length; i++) { const c = codes[i]; if (c === MISSING) missing++; else if (spec.kind !== 'number') byCode[c]++; }
  return {byCode, missing};
}

// ---------- sprites (thumbnails drawn on the map when zoomed in) ---------------------------
function loadSprites(sp) {
  if (!sp) { S.sprites = null; return; }
  if (S.sprites && S.sprites.url === sp.url) return;
  const img = new Image();
  const st = {url: sp.url, ready: false, size: sp.size, image: img};
  S.sprites = st;
  const mapping = {}, frameMapping = {}, data = [];
  sp.points.forEach((p, j) => {
    const [x, y, w, h] = sp.rects[j];
    mapping[j] = {x, y, width: w, height: h, anchorY: h / 2, mask: false};
    const f = 256 / Math.max(w, h, 1);
    frameMapping[j] = {x: 0, y: 0, width: Math.round(w * f), height: Math.round(h * f), anchorY: Math.round(h * f) / 2, mask: true};
    const i = indexOf(p);
    if (i >= 0) data.push({icon: String(j), point: i, pos: [S.geom.pos[2 * i], S.geom.pos[2 * i + 1]], size: sp.size * h / sp.cell});
  });
  st.mapping = mapping; st.frameMapping = frameMapping; st.data = data;
  // Fetched only once someone zooms in far enough to need it.
  st.load = () => { if (st.loading) return; st.loading = true; img.onload = () => { st.ready = true; redraw(); }; img.src = sp.url; };
}

function maybeLoadSprites() {
  const sp = S.sprites;
  if (sp && !sp.loading && S.view && sp.size * Math.pow(2, S.view.zoom) >= (S.args.sprites.min_pixels || 22) * 0.6) sp.load();
}

// ---------- selection --------------------------------------------------------------------
function applySelection(sel) {
  if (!sel || !S.geom) return;
  if (sel.token === S.selToken) return;
  S.selToken = sel.token;
  if (sel.kind === 'click' && sel.image_id !== undefined) {
    const i = indexOf(sel.image_id); S.selected = i >= 0 ? {kind: 'click', idx: [i]} : null;
  } else if (sel.kind === 'lasso' && sel.polygon) {
    S.selected = {kind: 'lasso', idx: inPolygon(S.geom.pos, sel.polygon)};
  } else if (sel.kind === 'ids' && sel.ids) {
    const idx = sel.ids.map(indexOf).filter(i => i >= 0);
    S.selected = {kind: idx.length === 1 ? 'click' : 'ids', idx};
  } else {
    S.selected = null;
  }
  status();
}

function status() {
  const sel = S.selected, n = S.geom ? S.geom.n : 0;
  let t = `${n.toLocaleString()} points`;
  if (S.args && S.args.note) t += ` · ${S.args.note}`;
  if (sel && sel.idx.length === 1) t += ` · image #${S.geom.ids[sel.idx[0]]} selected`;
  else if (sel && sel.idx.length > 1) t += ` · ${sel.idx.length.toLocaleString()} selected`;
  $('#status').textContent = t;
}

function setNeighbours(ids) {
  const key = JSON.stringify(ids || []);
  if (key === S.neighboursKey) return false;
  S.neighboursKey = key;
  S.neighbours = S.geom && ids ? ids.map(indexOf).filter(i => i >= 0) : null;
  return true;
}

// ---------- args from Python ---------------------------------------------------------------
// One render at a time, the latest arguments last: Streamlit may send arguments again while the
// previous ones are still being fetched and decoded; they are handled after it, not beside it.
let rendering = Promise.resolve(), latest = null;
function render(args) {
  if (S.firstArgsAt === undefined) S.firstArgsAt = performance.now();   // for the benchmark
  latest = args;
  rendering = rendering.then(() => { if (latest === args) return renderNow(args); });
}

async function renderNow(args) {
  S.args = args; ensureDeck(args);
  try {
    // every blob requested at once (fetchBuf keeps each promise: awaited below, fetched once)
    for (const u of [args.geometry, args.colour && args.colour.url, ...(args.hover || []).map(h => h.url)])
      if (u) fetchBuf(u, u === args.geometry ? 4 : 2).catch(() => {});
    let changed = false;
    if (args.geometry !== S.geomUrl) {
      const first = !S.geom;
      $('#msg').textContent = 'loading the map…';
      const buf = await fetchBuf(args.geometry, 4);
      S.timing = {fetched: performance.now()};       // for the benchmark: where the first frame's time goes
      S.geom = decodeGeometry(buf, args.n); S.timing.decoded = performance.now(); S.geomUrl = args.geometry; S.loads++;
      S.colourKey = null; S.drawn = null; S.order = null; S.rank = null; S.hoverKey = null; S.neighboursKey = null;
      S.selToken = null; S.tree = null; S.painted = false; S.sprites = null;
      if (first || args.refit) setView(fitView());
      changed = true;
    }
    const ckey = args.colour ? `${args.colour.url}|${JSON.stringify(args.colour.palette)}` : 'none';
    if (ckey !== S.colourKey) {
      const codes = args.colour && args.colour.url ? new Uint16Array(await fetchBuf(args.colour.url, 2)) : null;
      S.colour = {codes, col: paint(args.colour || {}, codes, S.geom.n)};
      S.order = drawOrder(args.colour || {}, codes, S.geom.n);
      S.rank = new Uint32Array(S.geom.n);
      for (let j = 0; j < S.geom.n; j++) S.rank[S.order[j]] = j;
      S.colourKey = ckey; changed = true;
      if (S.timing) S.timing.coloured = performance.now();
      legend(args.colour, countCodes(args.colour || {labels: []}, codes));
    }
    const hkey = JSON.stringify((args.hover || []).map(h => h.url));
    if (hkey !== S.hoverKey) {
      S.hover = await Promise.all((args.hover || []).map(async h => ({spec: h, codes: new Uint16Array(await fetchBuf(h.url, 2))})));
      S.hoverKey = hkey;
    }
    if (setNeighbours(args.neighbours)) changed = true;
    const before = S.selToken;
    applySelection(args.selection);
    if (before !== S.selToken) changed = true;
    loadSprites(args.sprites);
    maybeLoadSprites();
    $('#msg').textContent = args.message || '';
    status();
    if (changed) redraw();
  } catch (e) {
    S.error = String(e); $('#msg').textContent = `could not load the map: ${e}`;
  }
}

// ---------- lasso: screen polygon -> data polygon -> point-in-polygon over the positions ----
const svgLine = $('#lasso polyline');
let drawing = null;
function setMode(m) {
  S.mode = m; S.deck?.setProps({controller: m === 'pan' ? {doubleClickZoom: false} : false});
  $('#lasso').style.pointerEvents = m === 'lasso' ? 'all' : 'none';
  $('#lasso').style.cursor = m === 'lasso' ? 'crosshair' : 'default';
  document.querySelectorAll('[data-mode]').forEach(b => b.classList.toggle('on', b.dataset.mode === m));
}
document.querySelectorAll('[data-mode]').forEach(b => b.onclick = () => setMode(b.dataset.mode));
$('#clear').onclick = () => {
  S.selected = null; svgLine.setAttribute('points', ''); redraw(); send({kind: 'clear'}); status();
};
$('#reset').onclick = () => { if (S.geom) { setView(fitView()); redraw(); } };
const svg = $('#lasso');
svg.addEventListener('pointerdown', e => { drawing = [[e.offsetX, e.offsetY]]; svg.setPointerCapture(e.pointerId); });
svg.addEventListener('pointermove', e => {
  if (!drawing) return; drawing.push([e.offsetX, e.offsetY]);
  svgLine.setAttribute('points', drawing.map(p => p.join(',')).join(' '));
});
svg.addEventListener('pointerup', () => {
  if (!drawing || drawing.length < 3 || !S.geom) { drawing = null; return; }
  const poly = drawing.map(p => unproject(p[0], p[1]));
  drawing = null;
  const idx = inPolygon(S.geom.pos, poly);
  send({kind: 'lasso', polygon: poly, count: idx.length});
  S.selected = {kind: 'lasso', idx}; redraw(); status();
  setTimeout(() => svgLine.setAttribute('points', ''), 400);
});
// The exact members: the k-d tree gives the points in the polygon's bounding box, the even-odd
// rule (the test mapview.lasso_ids runs in Python) keeps those inside. Indices ascending.
function inPolygon(pos, poly) {
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (const [x, y] of poly) { x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y); }
  const out = [], m = poly.length;
  const box = tree().range(x0, y0, x1, y1).sort((a, b) => a - b);
  for (const i of box) {
    const x = pos[2 * i], y = pos[2 * i + 1];
    let inside = false;
    for (let a = 0, b = m - 1; a < m; b = a++) {
      const [xa, ya] = poly[a], [xb, yb] = poly[b];
      if ((ya > y) !== (yb > y) && x < (xb - xa) * (y - ya) / (yb - ya) + xa) inside = !inside;
    }
    if (inside) out.push(i);
  }
  return out;
}

// Clicks: our own pointerdown/up (a drag to pan is not a click) and the k-d tree.
let downAt = null;
$('#map').addEventListener('pointerdown', e => { downAt = [e.clientX, e.clientY]; }, true);
$('#map').addEventListener('pointerup', e => {
  if (!downAt || S.mode !== 'pan' || !S.geom) return;
  const moved = Math.hypot(e.clientX - downAt[0], e.clientY - downAt[1]); downAt = null;
  if (moved > 4) return;
  const r = $('#map').getBoundingClientRect();
  const i = pointAt(e.clientX - r.left, e.clientY - r.top, Math.max(6, radius()));
  if (i < 0) return;
  send({kind: 'click', image_id: S.geom.ids[i]});     // Python first: it has the slower part
  S.selected = {kind: 'click', idx: [i]}; redraw(); status();
}, true);
// Hover: the nearest point under the pointer, looked up once a frame at most.
let hoverAt = null;
$('#map').addEventListener('pointermove', e => {
  const r = $('#map').getBoundingClientRect();
  const first = !hoverAt;
  hoverAt = [e.clientX - r.left, e.clientY - r.top, e.buttons];
  if (first) requestAnimationFrame(() => {
    const [x, y, buttons] = hoverAt; hoverAt = null;
    if (buttons || !S.tree) { showTooltip(-1); return; }   // dragging, or the tree not built yet
    showTooltip(pointAt(x, y, radius() + 1), x, y);
  });
});
$('#map').addEventListener('pointerleave', () => showTooltip(-1));
window.addEventListener('resize', () => redraw());

// Hooks for tests and the benchmark: data -> pixel (relative to #map), ids of the selection.
S.project = (x, y) => {
  const el = $('#map'), s = scale();
  return [el.clientWidth / 2 + (x - S.view.target[0]) * s, el.clientHeight / 2 - (y - S.view.target[1]) * s];
};
S.pointAt = pointAt;
S.selectedIds = () => (S.selected ? S.selected.idx.map(i => S.geom.ids[i]) : []);
S.positionOf = id => { const i = indexOf(id); return i < 0 ? null : [S.geom.pos[2 * i], S.geom.pos[2 * i + 1]]; };
S.zoomTo = (x, y, zoom) => { setView({...S.view, target: [x, y, 0], zoom}); maybeLoadSprites(); redraw(); };
setMode('pan');

window.addEventListener('message', e => { if (e.data && e.data.type === 'streamlit:render') render(e.data.args); });
post('streamlit:componentReady', {apiVersion: 1});

// The points layer: plain WebGL 2 on a canvas under deck.gl's, one draw call a frame.
//
// Software rasterisers (SwiftShader in a browser without a GPU) spend most of a frame on
// per-vertex work, so every frame draws either
//   * the points: one gl.POINTS call, all of them (drawArrays) when there are few, else only
//     those in view (drawElements over their indices), round and coloured as before; or
//   * a density image when more than `budget` points are in view: the view cut into cells of
//     CELL pixels, each cell drawn in its points' mean colour (the categories' colours mixed by
//     their counts), its opacity rising with the log of its count; one textured quad.
// Arrays are in draw order (the most common category first, rare ones on top).

const VS_POINTS = `#version 300 es
in vec2 a_pos; in vec4 a_col;
uniform vec4 u_xf; uniform float u_size;
out vec4 v_col;
void main() {
  gl_Position = vec4((a_pos - u_xf.xy) * u_xf.zw, 0.0, 1.0);
  gl_PointSize = u_size; v_col = a_col;
}`;
const FS_POINTS = `#version 300 es
precision highp float;
in vec4 v_col; uniform float u_size; out vec4 o;
void main() {
  float r = length(gl_PointCoord * 2.0 - 1.0);
  if (r > 1.0) discard;
  float a = v_col.a * (1.0 - smoothstep(1.0 - 2.0 / u_size, 1.0, r));
  o = vec4(v_col.rgb * a, a);
}`;
// the ring around each selected point (a lasso's members): its band from u_inner to the edge
const FS_RING = `#version 300 es
precision highp float;
uniform float u_size; uniform float u_inner; out vec4 o;
void main() {
  float r = length(gl_PointCoord * 2.0 - 1.0);
  if (r > 1.0 || r < u_inner) discard;
  float a = 0.86;
  o = vec4(0.0, 0.0, 0.0, a);
}`;
const VS_QUAD = `#version 300 es
in vec2 a_pos; out vec2 v_uv;
void main() { v_uv = vec2(a_pos.x * 0.5 + 0.5, 0.5 - a_pos.y * 0.5); gl_Position = vec4(a_pos, 0.0, 1.0); }`;
const FS_QUAD = `#version 300 es
precision highp float;
in vec2 v_uv; uniform sampler2D u_tex; out vec4 o;
void main() { vec4 c = texture(u_tex, v_uv); o = vec4(c.rgb * c.a, c.a); }`;

export const CELL = 2;            // pixels a side of one density cell

function program(gl, vs, fs) {
  const p = gl.createProgram();
  for (const [type, src] of [[gl.VERTEX_SHADER, vs], [gl.FRAGMENT_SHADER, fs]]) {
    const s = gl.createShader(type); gl.shaderSource(s, src); gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(s));
    gl.attachShader(p, s);
  }
  gl.linkProgram(p);
  if (!gl.getProgramParameter(p, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(p));
  return p;
}

export class PointsGL {
  constructor(canvas) {
    const gl = canvas.getContext('webgl2', {antialias: false, premultipliedAlpha: true, alpha: true});
    if (!gl) throw new Error('WebGL 2 is not available');
    this.canvas = canvas; this.gl = gl;
    this.pp = program(gl, VS_POINTS, FS_POINTS);
    this.qp = program(gl, VS_QUAD, FS_QUAD);
    this.rp = program(gl, VS_POINTS, FS_RING);
    this.selBuf = gl.createBuffer(); this.selected = 0;
    this.posBuf = gl.createBuffer(); this.colBuf = gl.createBuffer(); this.idxBuf = gl.createBuffer();
    this.vao = gl.createVertexArray();
    gl.bindVertexArray(this.vao);
    const ap = gl.getAttribLocation(this.pp, 'a_pos'), ac = gl.getAttribLocation(this.pp, 'a_col');
    gl.bindBuffer(gl.ARRAY_BUFFER, this.posBuf); gl.enableVertexAttribArray(ap); gl.vertexAttribPointer(ap, 2, gl.FLOAT, false, 0, 0);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colBuf); gl.enableVertexAttribArray(ac); gl.vertexAttribPointer(ac, 4, gl.UNSIGNED_BYTE, true, 0, 0);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.idxBuf);
    gl.bindVertexArray(null);
    this.qvao = gl.createVertexArray();
    gl.bindVertexArray(this.qvao);
    const qb = gl.createBuffer(), aq = gl.getAttribLocation(this.qp, 'a_pos');
    gl.bindBuffer(gl.ARRAY_BUFFER, qb);
    gl.bufferData(gl.ARRAY_BUFFER, new Float32Array([-1, -1, 1, -1, -1, 1, 1, 1]), gl.STATIC_DRAW);
    gl.enableVertexAttribArray(aq); gl.vertexAttribPointer(aq, 2, gl.FLOAT, false, 0, 0);
    gl.bindVertexArray(null);
    this.tex = gl.createTexture();
    gl.bindTexture(gl.TEXTURE_2D, this.tex);
    for (const [k, v] of [[gl.TEXTURE_MIN_FILTER, gl.LINEAR], [gl.TEXTURE_MAG_FILTER, gl.LINEAR],
      [gl.TEXTURE_WRAP_S, gl.CLAMP_TO_EDGE], [gl.TEXTURE_WRAP_T, gl.CLAMP_TO_EDGE]]) gl.texParameteri(gl.TEXTURE_2D, k, v);
    this.u = {xf: gl.getUniformLocation(this.pp, 'u_xf'), size: gl.getUniformLocation(this.pp, 'u_size'),
      tex: gl.getUniformLocation(this.qp, 'u_tex'), rxf: gl.getUniformLocation(this.rp, 'u_xf'),
      rsize: gl.getUniformLocation(this.rp, 'u_size'), inner: gl.getUniformLocation(this.rp, 'u_inner')};
    this.n = 0; this.idx = null; this.mode = null; this.inView = 0;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    this.renderer = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  }

  // pos: Float32Array [x0, y0, x1, y1, ...], col: Uint8Array RGBA, both in draw order
  setData(pos, col) {
    const gl = this.gl;
    this.pos = pos; this.col = col; this.n = pos.length / 2;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.posBuf); gl.bufferData(gl.ARRAY_BUFFER, pos, gl.STATIC_DRAW);
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colBuf); gl.bufferData(gl.ARRAY_BUFFER, col, gl.STATIC_DRAW);
    if (!this.idx || this.idx.length < this.n) this.idx = new Uint32Array(this.n);
  }

  setColours(col) {
    const gl = this.gl;
    this.col = col;
    gl.bindBuffer(gl.ARRAY_BUFFER, this.colBuf); gl.bufferData(gl.ARRAY_BUFFER, col, gl.STATIC_DRAW);
  }

  // sel: indices (in draw order) of the points to ring, or null
  setSelection(sel) {
    const gl = this.gl;
    this.selected = sel ? sel.length : 0;
    if (!this.selected) return;
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.selBuf);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, sel, gl.STATIC_DRAW);
    gl.bindVertexArray(null);
  }

  drawRings(s, tx, ty, radius) {
    const gl = this.gl, outer = radius + 2.1;
    gl.useProgram(this.rp);
    gl.uniform4f(this.u.rxf, tx, ty, 2 * s / this.w, 2 * s / this.h);
    gl.uniform1f(this.u.rsize, 2 * outer * this.dpr);
    gl.uniform1f(this.u.inner, (radius + 0.9) / outer);
    gl.bindVertexArray(this.vao);
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.selBuf);
    gl.drawElements(gl.POINTS, this.selected, gl.UNSIGNED_INT, 0);
    gl.bindVertexArray(null);
  }

  resize(w, h, dpr) {
    const cw = Math.max(1, Math.round(w * dpr)), ch = Math.max(1, Math.round(h * dpr));
    if (this.canvas.width !== cw || this.canvas.height !== ch) { this.canvas.width = cw; this.canvas.height = ch; }
    this.w = w; this.h = h; this.dpr = dpr;
  }

  // view: {target: [tx, ty], zoom}, in the same orthographic projection as deck.gl's view
  // (y up, the target at the centre, 2^zoom pixels a data unit). radius: a point's, in pixels.
  draw(view, radius, budget) {
    const gl = this.gl, t0 = performance.now();
    const s = Math.pow(2, view.zoom), tx = view.target[0], ty = view.target[1];
    gl.viewport(0, 0, this.canvas.width, this.canvas.height);
    gl.clearColor(0, 0, 0, 0); gl.clear(gl.COLOR_BUFFER_BIT);
    gl.enable(gl.BLEND); gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
    if (!this.n) { this.mode = 'points'; this.inView = 0; this.selected = 0; return; }
    let count = this.n;
    if (this.n > budget) count = this.collect(s, tx, ty, radius);
    this.inView = count;
    if (count > budget) this.drawDensity();
    else this.drawPoints(s, tx, ty, radius, count);
    if (this.selected) { gl.viewport(0, 0, this.canvas.width, this.canvas.height); this.drawRings(s, tx, ty, radius); }
    this.ms = performance.now() - t0;
  }

  drawPoints(s, tx, ty, radius, count) {
    const gl = this.gl, all = count === this.n;
    gl.useProgram(this.pp);
    gl.uniform4f(this.u.xf, tx, ty, 2 * s / this.w, 2 * s / this.h);
    gl.uniform1f(this.u.size, Math.max(1, 2 * radius * this.dpr));
    gl.bindVertexArray(this.vao);
    if (all) {
      gl.drawArrays(gl.POINTS, 0, this.n);
    } else {
      gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, this.idxBuf);
      gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, this.idx.subarray(0, count), gl.STREAM_DRAW);
      gl.drawElements(gl.POINTS, count, gl.UNSIGNED_INT, 0);
    }
    gl.bindVertexArray(null);
    this.mode = 'points';
  }

  // One pass over every point: the indices (draw order) of those in view, with a margin of one
  // point's radius, and the density cells they fall in (used when they are too many to draw).
  collect(s, tx, ty, radius) {
    const cw = this.cw = Math.ceil(this.w / CELL), ch = this.ch = Math.ceil(this.h / CELL), cells = cw * ch;
    if (!this.acc || this.acc.length < 4 * cells) { this.acc = new Float32Array(4 * cells); this.img = new Uint8Array(4 * cells); }
    const acc = this.acc, p = this.pos, c = this.col, idx = this.idx;
    acc.fill(0, 0, 4 * cells);
    const hw = (this.w / 2 + radius) / s, hh = (this.h / 2 + radius) / s;
    const x0 = tx - hw, x1 = tx + hw, y0 = ty - hh, y1 = ty + hh;
    const k = s / CELL, ox = this.w / 2 / CELL, oy = this.h / 2 / CELL;
    let count = 0;
    for (let i = 0, n = this.n; i < n; i++) {
      const x = p[2 * i], y = p[2 * i + 1];
      if (x < x0 || x > x1 || y < y0 || y > y1) continue;
      idx[count++] = i;
      const cx = Math.floor((x - tx) * k + ox), cy = Math.floor(oy - (y - ty) * k);
      if (cx < 0 || cy < 0 || cx >= cw || cy >= ch) continue;
      const a = 4 * (cy * cw + cx);
      acc[a] += c[4 * i]; acc[a + 1] += c[4 * i + 1]; acc[a + 2] += c[4 * i + 2]; acc[a + 3] += 1;
    }
    return count;
  }

  drawDensity() {
    const gl = this.gl, cw = this.cw, ch = this.ch, cells = cw * ch, acc = this.acc, img = this.img;
    let most = 1;
    for (let q = 3; q < 4 * cells; q += 4) if (acc[q] > most) most = acc[q];
    const norm = 1 / Math.log1p(most);
    for (let q = 0; q < 4 * cells; q += 4) {
      const m = acc[q + 3];
      if (!m) { img[q + 3] = 0; continue; }
      img[q] = acc[q] / m; img[q + 1] = acc[q + 1] / m; img[q + 2] = acc[q + 2] / m;
      img[q + 3] = 255 * (0.35 + 0.65 * Math.log1p(m) * norm);
    }
    gl.bindTexture(gl.TEXTURE_2D, this.tex);
    gl.pixelStorei(gl.UNPACK_ALIGNMENT, 1);
    gl.texImage2D(gl.TEXTURE_2D, 0, gl.RGBA, cw, ch, 0, gl.RGBA, gl.UNSIGNED_BYTE, img.subarray(0, 4 * cells));
    // the image covers cw*CELL x ch*CELL pixels from the top left: stretch the quad to match
    gl.viewport(0, this.canvas.height - Math.round(ch * CELL * this.dpr), Math.round(cw * CELL * this.dpr), Math.round(ch * CELL * this.dpr));
    gl.useProgram(this.qp);
    gl.uniform1i(this.u.tex, 0);
    gl.bindVertexArray(this.qvao);
    gl.drawArrays(gl.TRIANGLE_STRIP, 0, 4);
    gl.bindVertexArray(null);
    this.mode = 'density';
  }
}

/**
 * The two dense kernels the ridge models spend their time in, hand-written on Float64Array: C += ±A·Bᵀ and the
 * Gram matrix Σ_r z_r z_rᵀ of rows. ml-matrix (arrays of row arrays, element access through get/set) runs these at
 * ~0.2 GFMA/s; packing operands into 4-wide slivers and accumulating 4 × 4 blocks in registers gives ~1.5 GFMA/s
 * in V8 (`npm run bench:learn` prints both).
 *
 * Packed layout: the rows of an operand are grouped in slivers of 4; sliver s, step t, lane q sits at
 * `[(s·k + t)·4 + q]`, so the micro-kernel reads both operands contiguously. Missing rows are zero-padded.
 */

/** A strided row-major block: element (i, j) at data[offset + i·ld + j]. */
export interface View {
  readonly data: Float64Array;
  readonly offset: number;
  readonly ld: number;
  readonly rows: number;
  readonly cols: number;
}

export function fullView(data: Float64Array, rows: number, cols: number): View {
  return { data, offset: 0, ld: cols, rows, cols };
}

/** Which blocks to compute when both operands are the same: only those touching that triangle of the result. */
export type Triangle = 'upper' | 'lower';

const LANES = 4;
/** Depth of one packed panel: 4 slivers of 256 steps (8 KB each) stay in L1 while the other operand streams. */
const DEPTH = 256;
/** Slivers of the streamed operand per pass, so that they stay in L2 (32 × 8 KB). */
const STREAMED = 32;

const sliverCount = (rows: number) => Math.ceil(rows / LANES);

function packRows(src: View, k0: number, depth: number, dst: Float64Array): void {
  dst.fill(0, 0, sliverCount(src.rows) * depth * LANES);
  for (let i = 0; i < src.rows; i++) {
    const base = (i >> 2) * depth * LANES + (i & 3);
    const from = src.offset + i * src.ld + k0;
    for (let t = 0; t < depth; t++) dst[base + t * LANES] = src.data[from + t];
  }
}

/** out[oo + i·ldo + j] += sign · Σ_t a_i[t] b_j[t] for one 4 × 4 block (mRem × nRem of it inside the matrix). */
function block4x4(
  a: Float64Array,
  ao: number,
  b: Float64Array,
  bo: number,
  depth: number,
  out: Float64Array,
  oo: number,
  ldo: number,
  sign: number,
  mRem: number,
  nRem: number,
): void {
  // prettier-ignore
  let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0,
    c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
  const end = ao + depth * LANES;
  // prettier-ignore
  for (let p = ao, q = bo; p < end; p += LANES, q += LANES) {
    const x0 = a[p], x1 = a[p + 1], x2 = a[p + 2], x3 = a[p + 3];
    const y0 = b[q], y1 = b[q + 1], y2 = b[q + 2], y3 = b[q + 3];
    c00 += x0 * y0; c10 += x1 * y0; c20 += x2 * y0; c30 += x3 * y0;
    c01 += x0 * y1; c11 += x1 * y1; c21 += x2 * y1; c31 += x3 * y1;
    c02 += x0 * y2; c12 += x1 * y2; c22 += x2 * y2; c32 += x3 * y2;
    c03 += x0 * y3; c13 += x1 * y3; c23 += x2 * y3; c33 += x3 * y3;
  }
  if (mRem === LANES && nRem === LANES) {
    const o1 = oo + ldo;
    const o2 = o1 + ldo;
    const o3 = o2 + ldo;
    // prettier-ignore
    {
      out[oo] += sign * c00; out[oo + 1] += sign * c01; out[oo + 2] += sign * c02; out[oo + 3] += sign * c03;
      out[o1] += sign * c10; out[o1 + 1] += sign * c11; out[o1 + 2] += sign * c12; out[o1 + 3] += sign * c13;
      out[o2] += sign * c20; out[o2 + 1] += sign * c21; out[o2 + 2] += sign * c22; out[o2 + 3] += sign * c23;
      out[o3] += sign * c30; out[o3 + 1] += sign * c31; out[o3 + 2] += sign * c32; out[o3 + 3] += sign * c33;
    }
    return;
  }
  // Edge block: only the part inside the matrix is written.
  const c = [c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33];
  for (let i = 0; i < mRem; i++) {
    for (let j = 0; j < nRem; j++) out[oo + i * ldo + j] += sign * c[i * LANES + j];
  }
}

/** Block loop over packed operands: `out` block (m × n at `out.offset`) += sign · A·Bᵀ for one panel. */
function multiplyPacked(
  out: View,
  a: Float64Array,
  m: number,
  b: Float64Array,
  n: number,
  depth: number,
  sign: number,
  triangle: Triangle | undefined,
): void {
  const aSlivers = sliverCount(m);
  const bSlivers = sliverCount(n);
  const stride = depth * LANES;
  for (let t0 = 0; t0 < bSlivers; t0 += STREAMED) {
    const t1 = Math.min(bSlivers, t0 + STREAMED);
    for (let s = 0; s < aSlivers; s++) {
      const from = triangle === 'upper' ? Math.max(t0, s) : t0;
      const to = triangle === 'lower' ? Math.min(t1, s + 1) : t1;
      const mRem = Math.min(LANES, m - s * LANES);
      for (let t = from; t < to; t++) {
        const oo = out.offset + s * LANES * out.ld + t * LANES;
        block4x4(
          a,
          s * stride,
          b,
          t * stride,
          depth,
          out.data,
          oo,
          out.ld,
          sign,
          mRem,
          Math.min(LANES, n - t * LANES),
        );
      }
    }
  }
}

/**
 * out += sign · A·Bᵀ, with A (m × k), B (n × k) and out (m × n) strided blocks. With `triangle`, A and B must be
 * the same rows and only the blocks touching that triangle of the (symmetric) result are computed; entries of
 * the other triangle inside diagonal blocks are updated too and should be ignored or overwritten.
 */
export function addABt(out: View, a: View, b: View, sign = 1, triangle?: Triangle): void {
  const k = a.cols;
  const same = a === b;
  const aPacked = new Float64Array(sliverCount(a.rows) * Math.min(k, DEPTH) * LANES);
  const bPacked = same ? aPacked : new Float64Array(sliverCount(b.rows) * Math.min(k, DEPTH) * LANES);
  for (let k0 = 0; k0 < k; k0 += DEPTH) {
    const depth = Math.min(DEPTH, k - k0);
    packRows(a, k0, depth, aPacked);
    if (!same) packRows(b, k0, depth, bPacked);
    multiplyPacked(out, aPacked, a.rows, bPacked, b.rows, depth, sign, triangle);
  }
}

/**
 * gram (width × width, row-major) += sign · Σ_r z_r z_rᵀ over `count` rows, where fill(r, z) writes row r into z.
 * Only the upper triangle is accumulated: call mirrorUpper once the sum is complete.
 */
export function accumulateGram(
  gram: Float64Array,
  width: number,
  count: number,
  fill: (r: number, z: Float64Array) => void,
  sign = 1,
): void {
  const packed = new Float64Array(sliverCount(width) * DEPTH * LANES);
  const z = new Float64Array(width);
  const out = fullView(gram, width, width);
  for (let r0 = 0; r0 < count; r0 += DEPTH) {
    const depth = Math.min(DEPTH, count - r0);
    packed.fill(0);
    // Panel of rows, transposed on the fly: the packed operand's "rows" are the columns of z.
    for (let t = 0; t < depth; t++) {
      fill(r0 + t, z);
      for (let c = 0; c < width; c++) packed[((c >> 2) * depth + t) * LANES + (c & 3)] = z[c];
    }
    multiplyPacked(out, packed, width, packed, width, depth, sign, 'upper');
  }
}

/** Copies the upper triangle of a square row-major matrix onto the lower one. */
export function mirrorUpper(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) a[i * n + j] = a[j * n + i];
  }
}

// Pass 1: expansion coefficients c^f_{a n l m} of the density (f = 0) and the potential (f = 1) around each centre:
// c = Σ_j F^f_nl(d_ij) Y_lm(r̂_ij), with F from the cubic-Hermite tables of src/lode and the exact multipole tail of
// the potential beyond them. One workgroup per centre; atoms are processed in chunks of 64: each thread prepares one
// atom (distance, spline knot, harmonics), then each thread accumulates its own (f, l, n) tasks over the chunk into
// workgroup memory, so no two threads ever write the same coefficient.
// Periodic structures come as their atoms followed by the images near the centres: images beyond the tables belong to
// the Ewald far field, which enters at the end as t_nl · Y_lm(∇)V_far/(2l−1)!! plus the background's l = 0 term.

// Sizes (NMAX, LMAX, NSPECIES, NHARM, Q, FIELD_SIZE) come from layout.wgsl; ylm and harmonics() from harmonics.wgsl.
override NL: u32 = (LMAX + 1u) * NMAX;

const SQRT_4PI: f32 = 3.5449077018110318;
const SKIP: f32 = 0.0;
const TABLE: f32 = 1.0;
const TAIL: f32 = 2.0;

struct Params {
  centreCount: u32,
  knotCount: u32,
  includeCenter: u32,
  dispatchWidth: u32,
  spacing: f32,
  rangeEnd: f32,
  pad0: u32,
  pad1: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// x, y, z (Å, relative to the structure's centroid), species channel.
@group(0) @binding(1) var<storage, read> atoms: array<vec4<f32>>;
// The f64 positions' remainders x − f32(x): differences (hi − hi) + (lo − lo) keep ~f64 accuracy where it matters.
@group(0) @binding(2) var<storage, read> atomsLow: array<vec4<f32>>;
// First source, source count, periodic (1) or cluster (0) of each structure.
@group(0) @binding(3) var<storage, read> structures: array<vec4<u32>>;
// Centre atom and its structure.
@group(0) @binding(4) var<storage, read> centres: array<vec2<u32>>;
// [field][knot][l][n][value, h·slope], as RadialTable.knots.
@group(0) @binding(5) var<storage, read> knots: array<f32>;
// [l][n]: 4π/(2l+1) ∫R_n r^{l+2} dr, the potential's far field, then [n]: ∫R_n r⁴ dr (the background's moments).
@group(0) @binding(6) var<storage, read> tail: array<f32>;
// [centre][field][lm][a·NMAX + n]
@group(0) @binding(7) var<storage, read_write> coeffs: array<f32>;
// [centre][a·NHARM + lm]: Y_lm(∇)V^a_far/(2l−1)!!, then [centre][NSPECIES·NHARM + a]: κ_a (far-field.ts).
@group(0) @binding(8) var<storage, read> far: array<f32>;

var<workgroup> acc: array<f32, 2u * FIELD_SIZE>;
// distance, spline parameter t, species channel, kind (SKIP, TABLE, TAIL)
var<workgroup> geometry: array<vec4<f32>, WG>;
var<workgroup> knot: array<u32, WG>;
// first source, end source, centre atom, periodic
var<workgroup> bounds: vec4<u32>;

fn radial(field: u32, l: u32, n: u32, g: vec4<f32>, k: u32) -> f32 {
  if (g.w == TABLE) {
    let t = g.y;
    let base = ((field * params.knotCount + k) * NL + l * NMAX + n) * 2u;
    let next = base + NL * 2u;
    let t2 = t * t;
    let t3 = t2 * t;
    return (2.0 * t3 - 3.0 * t2 + 1.0) * knots[base] + (t3 - 2.0 * t2 + t) * knots[base + 1u] +
      (3.0 * t2 - 2.0 * t3) * knots[next] + (t3 - t2) * knots[next + 1u];
  }
  if (g.w == TAIL && field == 1u) {
    return tail[l * NMAX + n] * pow(g.x, -f32(l + 1u));
  }
  return 0.0;
}

// Potential coefficients [lm][a·NMAX + n] += t_nl · far[a, lm] (+ κ_a √(4π) ∫R_n r⁴ dr at l = 0).
fn addFarField(centre: u32, tid: u32) {
  let base = centre * NSPECIES * (NHARM + 1u);
  for (var i = tid; i < FIELD_SIZE; i += WG) {
    let lm = i / Q;
    let a = (i % Q) / NMAX;
    let n = i % NMAX;
    let l = degree(lm);
    var value = tail[l * NMAX + n] * far[base + a * NHARM + lm];
    if (lm == 0u) {
      value += far[base + NSPECIES * NHARM + a] * SQRT_4PI * tail[NL + n];
    }
    acc[FIELD_SIZE + i] += value;
  }
}

@compute @workgroup_size(64)
fn expand(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let centre = wg.x + wg.y * params.dispatchWidth;
  if (centre >= params.centreCount) {
    return;
  }
  if (tid == 0u) {
    let info = centres[centre];
    let st = structures[info.y];
    bounds = vec4<u32>(st.x, st.x + st.y, info.x, st.z);
  }
  let range = workgroupUniformLoad(&bounds);
  let origin = atoms[range.z].xyz;
  let originLow = atomsLow[range.z].xyz;
  for (var i = tid; i < 2u * FIELD_SIZE; i += WG) {
    acc[i] = 0.0;
  }
  for (var start = range.x; start < range.y; start += WG) {
    workgroupBarrier();
    let j = start + tid;
    var g = vec4<f32>(0.0, 0.0, 0.0, SKIP);
    if (j < range.y) {
      let atom = atoms[j];
      let v = (atom.xyz - origin) + (atomsLow[j].xyz - originLow);
      let d = length(v);
      if (j == range.z) {
        // The centre itself: only l = 0 (Y_00 is constant), from the d = 0 knot.
        if (params.includeCenter != 0u) {
          g = vec4<f32>(0.0, 0.0, atom.w, TABLE);
          knot[tid] = 0u;
          for (var k = 0u; k < NHARM; k++) {
            ylm[tid * NHARM + k] = select(0.0, Y00, k == 0u);
          }
        }
      } else {
        harmonics(tid, v);
        if (d < params.rangeEnd) {
          let x = d / params.spacing;
          let k = min(u32(floor(x)), params.knotCount - 2u);
          knot[tid] = k;
          g = vec4<f32>(d, x - f32(k), atom.w, TABLE);
        } else if (range.w == 0u) {
          g = vec4<f32>(d, 0.0, atom.w, TAIL);
        }
      }
    }
    geometry[tid] = g;
    workgroupBarrier();
    let count = min(WG, range.y - start);
    for (var task = tid; task < 2u * NL; task += WG) {
      let field = task / NL;
      let l = (task % NL) / NMAX;
      let n = task % NMAX;
      for (var u = 0u; u < count; u++) {
        let f = radial(field, l, n, geometry[u], knot[u]);
        if (f != 0.0) {
          let dst = field * FIELD_SIZE + u32(geometry[u].z) * NMAX + n;
          for (var k = l * l; k < (l + 1u) * (l + 1u); k++) {
            acc[dst + k * Q] += f * ylm[u * NHARM + k];
          }
        }
      }
    }
  }
  workgroupBarrier();
  if (range.w != 0u) {
    addFarField(centre, tid);
    workgroupBarrier();
  }
  let out = centre * 2u * FIELD_SIZE;
  for (var i = tid; i < 2u * FIELD_SIZE; i += WG) {
    coeffs[out + i] = acc[i];
  }
}

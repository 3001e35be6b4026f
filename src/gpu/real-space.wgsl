// The far pairs of the Ewald real-space sum of periodic structures (src/lode/ewald.ts addRealSpace): per centre (one
// workgroup each), Σ_j f_l(s) Y_lm(ŝ) over the sources (atoms and images) with r_c + 6σ ≤ s < R, where
// f_l(s) = s^l B_l(s)/(2l−1)!! comes from a cubic Hermite spline built on the host in f64. The near pairs' −φ_LR is
// the host's (in f64: it largely cancels the near images' φ of the expansion pass). Sources are processed in chunks of WG: each thread prepares one (factors, harmonics), then each thread
// sums its own (l, m) over the chunk for every species, so no two threads write the same sum.
// Sizes from layout.wgsl; ylm, harmonics() and WG from harmonics.wgsl.

// The reciprocal passes' parameters (reciprocal.wgsl), and binding numbers that do not clash with theirs: the engine
// binds every Ewald pass from one table.
struct Params {
  waveCount: u32,
  centreCount: u32,
  dispatchWidth: u32,
  pad: u32,
}

// Per structure: (first source, source count, first knot, knot count), (spacing, R, r_c + 6σ as f32 bits, first atom
// in expand.wgsl's atoms).
struct Cell {
  sources: vec4<u32>,
  lengths: vec4<u32>,
}

@group(0) @binding(0) var<uniform> params: Params;
// Centre atom and its structure (expand.wgsl's).
@group(0) @binding(7) var<storage, read> centres: array<vec2<u32>>;
// [centre][a·NHARM + lm], then NSPECIES curvatures (far-field.ts).
@group(0) @binding(8) var<storage, read_write> far: array<f32>;
@group(0) @binding(9) var<storage, read> cells: array<Cell>;
// x, y, z (Å, relative to the structure's centroid), species channel; a structure's atoms first (in order).
@group(0) @binding(10) var<storage, read> sources: array<vec4<f32>>;
// [knot][l][value, h·slope]
@group(0) @binding(11) var<storage, read> knots: array<f32>;

var<workgroup> factors: array<f32, WG * (LMAX + 1u)>;
var<workgroup> channel: array<u32, WG>;
// 1 where the source contributes
var<workgroup> contributes: array<u32, WG>;
var<workgroup> sums: array<f32, NSPECIES * NHARM>;
var<workgroup> info: vec4<u32>;

fn spline(slot: u32, first: u32, count: u32, spacing: f32, x: f32) {
  let k = min(u32(floor(x / spacing)), count - 2u);
  let t = x / spacing - f32(k);
  let t2 = t * t;
  let t3 = t2 * t;
  let base = (first + k * (LMAX + 1u)) * 2u;
  let next = base + (LMAX + 1u) * 2u;
  for (var l = 0u; l <= LMAX; l++) {
    factors[slot * (LMAX + 1u) + l] = (2.0 * t3 - 3.0 * t2 + 1.0) * knots[base + 2u * l] +
      (t3 - 2.0 * t2 + t) * knots[base + 2u * l + 1u] + (3.0 * t2 - 2.0 * t3) * knots[next + 2u * l] +
      (t3 - t2) * knots[next + 2u * l + 1u];
  }
}

@compute @workgroup_size(64)
fn realSpace(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let centre = wg.x + wg.y * params.dispatchWidth;
  if (centre >= params.centreCount) {
    return;
  }
  if (tid == 0u) {
    let c = centres[centre];
    let s = cells[c.y].sources;
    // The centre among its structure's sources: its atom index within the structure.
    info = vec4<u32>(s.x, s.y, c.y, s.x + c.x - cells[c.y].lengths.w);
  }
  let r = workgroupUniformLoad(&info);
  if (r.y == 0u) {
    return;
  }
  let cell = cells[r.z];
  let spacing = bitcast<f32>(cell.lengths.x);
  let radius = bitcast<f32>(cell.lengths.y);
  let nearRange = bitcast<f32>(cell.lengths.z);
  let origin = sources[r.w].xyz;
  for (var i = tid; i < NSPECIES * NHARM; i += WG) {
    sums[i] = 0.0;
  }
  for (var start = r.x; start < r.x + r.y; start += WG) {
    workgroupBarrier();
    let j = start + tid;
    contributes[tid] = 0u;
    if (j < r.x + r.y) {
      let source = sources[j];
      let v = source.xyz - origin;
      let s = length(v);
      if (s >= nearRange && s < radius) {
        contributes[tid] = 1u;
        channel[tid] = u32(source.w);
        harmonics(tid, v);
        spline(tid, cell.sources.z, cell.sources.w, spacing, s - nearRange);
      }
    }
    workgroupBarrier();
    let count = min(WG, r.x + r.y - start);
    for (var lm = tid; lm < NHARM; lm += WG) {
      let l = degree(lm);
      for (var u = 0u; u < count; u++) {
        if (contributes[u] != 0u) {
          sums[channel[u] * NHARM + lm] += factors[u * (LMAX + 1u) + l] * ylm[u * NHARM + lm];
        }
      }
    }
  }
  workgroupBarrier();
  let out = centre * NSPECIES * (NHARM + 1u);
  for (var i = tid; i < NSPECIES * NHARM; i += WG) {
    far[out + i] += sums[i];
  }
}

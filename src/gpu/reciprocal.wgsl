// The reciprocal part of the Ewald far field of periodic structures (src/lode/ewald.ts addReciprocal), in two passes
// per chunk: the structure factors S_a(k) = Σ_{j∈a} e^{ik·r_j} of every wave (one thread per wave), then, per centre
// (one workgroup each), Σ_k Re[i^l e^{ik·r_i} conj(S_a(k))] w_lm(k) added to the far field. e^{ik·r_j} is the product
// of three tabulated phases e^{i n_d θ_d(r_j)} (computed in f64 on the host), so no f32 phase angle is ever formed.

const WG: u32 = 64u;

struct Params {
  waveCount: u32,
  centreCount: u32,
  dispatchWidth: u32,
  pad: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
// Per structure, two vec4: (first wave, wave count, first phase, atom count), (w0, w1, w2, first atom of the chunk).
@group(0) @binding(1) var<storage, read> cells: array<vec4<u32>>;
// Per wave: structure, n0 + N0, n1 + N1, n2 + N2 (indices into the phase tables).
@group(0) @binding(2) var<storage, read> waves: array<vec4<u32>>;
// cos, sin of n·θ_d(r_j): per structure, direction d, atom j, n + N_d.
@group(0) @binding(3) var<storage, read> phases: array<vec2<f32>>;
// Source atoms of the chunk (expand.wgsl's): the species channel in w.
@group(0) @binding(4) var<storage, read> atoms: array<vec4<f32>>;
// [wave·NSPECIES + a] = S_a(k).
@group(0) @binding(5) var<storage, read_write> factors: array<vec2<f32>>;
// [wave·NHARM + lm] = 2·(4π/Ω)e^{−η²k²/2}/k² · k^l Y_lm(k̂)/(2l−1)!!.
@group(0) @binding(6) var<storage, read> weights: array<f32>;
// Centre atom and its structure (expand.wgsl's).
@group(0) @binding(7) var<storage, read> centres: array<vec2<u32>>;
// [centre][a·NHARM + lm], then NSPECIES curvatures (far-field.ts).
@group(0) @binding(8) var<storage, read_write> far: array<f32>;

fn multiply(a: vec2<f32>, b: vec2<f32>) -> vec2<f32> {
  return vec2<f32>(a.x * b.x - a.y * b.y, a.x * b.y + a.y * b.x);
}

fn phase(structure: u32, atom: u32, wave: vec4<u32>) -> vec2<f32> {
  let info = cells[2u * structure];
  let widths = cells[2u * structure + 1u];
  let count = info.w;
  let p0 = phases[info.z + atom * widths.x + wave.y];
  let p1 = phases[info.z + count * widths.x + atom * widths.y + wave.z];
  let p2 = phases[info.z + count * (widths.x + widths.y) + atom * widths.z + wave.w];
  return multiply(multiply(p0, p1), p2);
}

@compute @workgroup_size(64)
fn structureFactors(@builtin(global_invocation_id) id: vec3<u32>) {
  let w = id.x + id.y * params.dispatchWidth * WG;
  if (w >= params.waveCount) {
    return;
  }
  let wave = waves[w];
  let info = cells[2u * wave.x];
  let first = cells[2u * wave.x + 1u].w;
  for (var a = 0u; a < NSPECIES; a++) {
    factors[w * NSPECIES + a] = vec2<f32>(0.0);
  }
  for (var j = 0u; j < info.w; j++) {
    let a = u32(atoms[first + j].w);
    factors[w * NSPECIES + a] += phase(wave.x, j, wave);
  }
}

var<workgroup> terms: array<vec2<f32>, WG * NSPECIES>;
var<workgroup> sums: array<f32, NSPECIES * NHARM>;
// first wave, wave count, structure, centre atom within its structure
var<workgroup> span: vec4<u32>;

@compute @workgroup_size(64)
fn reciprocal(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) tid: u32) {
  let centre = wg.x + wg.y * params.dispatchWidth;
  if (centre >= params.centreCount) {
    return;
  }
  if (tid == 0u) {
    let info = centres[centre];
    let cell = cells[2u * info.y];
    span = vec4<u32>(cell.x, cell.y, info.y, info.x - cells[2u * info.y + 1u].w);
  }
  let r = workgroupUniformLoad(&span);
  if (r.y == 0u) {
    return;
  }
  for (var i = tid; i < NSPECIES * NHARM; i += WG) {
    sums[i] = 0.0;
  }
  for (var start = 0u; start < r.y; start += WG) {
    workgroupBarrier();
    if (start + tid < r.y) {
      let w = r.x + start + tid;
      let p = phase(r.z, r.w, waves[w]);
      for (var a = 0u; a < NSPECIES; a++) {
        let s = factors[w * NSPECIES + a];
        // e^{ik·r_i} conj(S_a(k))
        terms[tid * NSPECIES + a] = vec2<f32>(p.x * s.x + p.y * s.y, p.y * s.x - p.x * s.y);
      }
    }
    workgroupBarrier();
    let count = min(WG, r.y - start);
    for (var task = tid; task < NSPECIES * NHARM; task += WG) {
      let a = task / NHARM;
      let lm = task % NHARM;
      let l = degree(lm);
      var sum = 0.0;
      for (var u = 0u; u < count; u++) {
        let z = terms[u * NSPECIES + a];
        // Re[i^l z] cycles through Re z, −Im z, −Re z, Im z.
        let part = select(z.x, -z.y, (l & 1u) == 1u);
        let f = select(part, -part, (l & 2u) == 2u);
        sum += f * weights[(r.x + start + u) * NHARM + lm];
      }
      sums[task] += sum;
    }
  }
  workgroupBarrier();
  let out = centre * NSPECIES * (NHARM + 1u);
  for (var i = tid; i < NSPECIES * NHARM; i += WG) {
    far[out + i] += sums[i];
  }
}

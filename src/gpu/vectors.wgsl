// Pass 2b: λ = 1 features T_{q1 l1, q2 l2; μ} = Σ_{m1 m2} C^{1μ}_{l1 m1, l2 m2} c¹_{q1 l1 m1} c²_{q2 l2 m2}, summed over
// each group's centres, written as Cartesian (x, y, z). One thread per (group, column). Sums are compensated (see
// power-spectrum.wgsl).

// Sizes (NMAX, LMAX, NSPECIES, NHARM, Q, FIELD_SIZE) come from layout.wgsl.

struct Params {
  groupCount: u32,
  // Columns of one (kind, block): angular pairs · Q².
  columns: u32,
  width: u32,
  kindOffset: u32,
  field1: u32,
  field2: u32,
  dispatchWidth: u32,
  pad0: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> coeffs: array<f32>;
@group(0) @binding(2) var<storage, read> groups: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> members: array<u32>;
// l1, l2, offset of their coupling tensor in `couplings`
@group(0) @binding(4) var<storage, read> angular: array<vec4<u32>>;
// [μ][m1][m2] per angular pair (src/lode/clebsch-gordan.ts)
@group(0) @binding(5) var<storage, read> couplings: array<f32>;
@group(0) @binding(6) var<storage, read_write> vectors: array<f32>;

@compute @workgroup_size(64)
fn couple(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x + gid.y * params.dispatchWidth * 64u;
  if (index >= params.groupCount * params.columns) {
    return;
  }
  let group = groups[index / params.columns];
  let c = index % params.columns;
  let ang = angular[c / (Q * Q)];
  let q1 = (c % (Q * Q)) / Q;
  let q2 = c % Q;
  let d1 = 2u * ang.x + 1u;
  let d2 = 2u * ang.y + 1u;
  var t = vec3<f32>(0.0, 0.0, 0.0);
  var error = vec3<f32>(0.0, 0.0, 0.0);
  for (var i = 0u; i < group.w; i++) {
    let base = members[group.z + i] * 2u * FIELD_SIZE;
    let b1 = base + params.field1 * FIELD_SIZE + ang.x * ang.x * Q + q1;
    let b2 = base + params.field2 * FIELD_SIZE + ang.y * ang.y * Q + q2;
    for (var m1 = 0u; m1 < d1; m1++) {
      let a = coeffs[b1 + m1 * Q];
      for (var m2 = 0u; m2 < d2; m2++) {
        let b = coeffs[b2 + m2 * Q];
        let p = a * b;
        let at = ang.z + m1 * d2 + m2;
        let cg = vec3<f32>(couplings[at], couplings[at + d1 * d2], couplings[at + 2u * d1 * d2]);
        // Error-free product a·b = p + e (fma), then compensated sums of p·cg per component.
        let e = fma(a, b, -p);
        let term = p * cg;
        let next = t + term;
        let z = next - t;
        error += ((t - (next - z)) + (term - z)) + fma(vec3<f32>(p), cg, -term) + e * cg;
        t = next;
      }
    }
  }
  t += error;
  // Real-harmonic order μ = −1, 0, 1 is (y, z, x).
  let out = (group.x * params.width + params.kindOffset + group.y * params.columns + c) * 3u;
  vectors[out] = t.z;
  vectors[out + 1u] = t.x;
  vectors[out + 2u] = t.y;
}

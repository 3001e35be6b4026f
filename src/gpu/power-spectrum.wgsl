// Pass 2a: power spectra P_{q1 q2 l} = (2l+1)^{−1/2} Σ_m c¹_{q1 lm} c²_{q2 lm}, summed over the centres of each output
// group (all centres of one species in a structure, or one centre for per-atom rows). One thread per (group, column);
// neighbouring threads read neighbouring q2, so coefficient loads coalesce.
// The sum is a compensated dot product (Ogita, Rump & Oishi's Dot2: error-free products by fma, error-free sums):
// many entries are small differences of large terms, and plain f32 sums lose them.

// Sizes (NMAX, LMAX, NSPECIES, NHARM, Q, FIELD_SIZE) come from layout.wgsl.

const SQRT2: f32 = 1.4142135623730951;

struct Params {
  groupCount: u32,
  // Columns of one (kind, block): (LMAX + 1) · pairs.
  columns: u32,
  pairs: u32,
  // Row width of the output (all kinds and blocks).
  width: u32,
  // First column of this kind.
  kindOffset: u32,
  field1: u32,
  field2: u32,
  symmetric: u32,
  dispatchWidth: u32,
  pad0: u32,
  pad1: u32,
  pad2: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> coeffs: array<f32>;
// row (within the chunk), block, first member, member count
@group(0) @binding(2) var<storage, read> groups: array<vec4<u32>>;
// centre indices (within the chunk) of each group's members
@group(0) @binding(3) var<storage, read> members: array<u32>;
// q1 << 16 | q2 for every pair of this kind, in column order
@group(0) @binding(4) var<storage, read> pairTable: array<u32>;
@group(0) @binding(5) var<storage, read_write> features: array<f32>;

@compute @workgroup_size(64)
fn power(@builtin(global_invocation_id) gid: vec3<u32>) {
  let index = gid.x + gid.y * params.dispatchWidth * 64u;
  if (index >= params.groupCount * params.columns) {
    return;
  }
  let group = groups[index / params.columns];
  let c = index % params.columns;
  let l = c / params.pairs;
  let pair = pairTable[c % params.pairs];
  let q1 = pair >> 16u;
  let q2 = pair & 0xffffu;
  var sum = 0.0;
  var error = 0.0;
  for (var i = 0u; i < group.w; i++) {
    let base = members[group.z + i] * 2u * FIELD_SIZE;
    let b1 = base + params.field1 * FIELD_SIZE + q1;
    let b2 = base + params.field2 * FIELD_SIZE + q2;
    for (var k = l * l; k < (l + 1u) * (l + 1u); k++) {
      let a = coeffs[b1 + k * Q];
      let b = coeffs[b2 + k * Q];
      let product = a * b;
      let next = sum + product;
      let z = next - sum;
      error += ((sum - (next - z)) + (product - z)) + fma(a, b, -product);
      sum = next;
    }
  }
  sum += error;
  let weight = select(1.0, SQRT2, params.symmetric != 0u && q1 != q2) * inverseSqrt(f32(2u * l + 1u));
  features[group.x * params.width + params.kindOffset + group.y * params.columns + c] = weight * sum;
}

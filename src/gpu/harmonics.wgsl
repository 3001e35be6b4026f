// Real spherical harmonics for the shaders that need them (prepended after layout.wgsl): each of the WG threads of a
// workgroup fills its own slot of ylm, [slot][l² + l + m].

const WG: u32 = 64u;
const Y00: f32 = 0.28209479177387814;
const SQRT2: f32 = 1.4142135623730951;

var<workgroup> ylm: array<f32, WG * NHARM>;

fn storeHarmonic(slot: u32, l: u32, m: u32, q: f32, c: f32, s: f32) {
  let at = slot * NHARM + l * l + l;
  if (m == 0u) {
    ylm[at] = q;
  } else {
    ylm[at + m] = SQRT2 * q * c;
    ylm[at - m] = SQRT2 * q * s;
  }
}

// Real spherical harmonics of src/lode/spherical-harmonics.ts (no Condon–Shortley phase), same recursion.
fn harmonics(slot: u32, v: vec3<f32>) {
  let u = normalize(v);
  var c = 1.0;
  var s = 0.0;
  var diag = Y00;
  for (var m = 0u; m <= LMAX; m++) {
    if (m > 0u) {
      diag *= sqrt(f32(2u * m + 1u) / f32(2u * m));
    }
    storeHarmonic(slot, m, m, diag, c, s);
    var older = 0.0;
    var previous = diag;
    if (m + 1u <= LMAX) {
      previous = u.z * sqrt(f32(2u * m + 3u)) * diag;
      older = diag;
      storeHarmonic(slot, m + 1u, m, previous, c, s);
    }
    for (var l = m + 2u; l <= LMAX; l++) {
      let a = sqrt(f32(4u * l * l - 1u) / f32(l * l - m * m));
      let b = sqrt(f32((l - 1u) * (l - 1u) - m * m) / f32(4u * (l - 1u) * (l - 1u) - 1u));
      let q = a * (u.z * previous - b * older);
      storeHarmonic(slot, l, m, q, c, s);
      older = previous;
      previous = q;
    }
    let next = c * u.x - s * u.y;
    s = c * u.y + s * u.x;
    c = next;
  }
}

// Shared by every shader of the engine (prepended by gpu-engine.ts): the sizes of one centre's coefficients, set per
// hyper-parameter set as pipeline-overridable constants (layout: [centre][field][lm][a·NMAX + n]), and the degree l of
// a harmonic index lm = l² + l + m.

override NMAX: u32;
override LMAX: u32;
override NSPECIES: u32;
override NHARM: u32 = (LMAX + 1u) * (LMAX + 1u);
override Q: u32 = NSPECIES * NMAX;
override FIELD_SIZE: u32 = NHARM * Q;

fn degree(lm: u32) -> u32 {
  var l = 0u;
  while ((l + 1u) * (l + 1u) <= lm) {
    l++;
  }
  return l;
}

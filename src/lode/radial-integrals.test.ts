import { describe, expect, it } from 'vitest';
import { createRadialBasis } from './radial-basis.ts';
import { createRadialIntegrator, FIELDS, type Field } from './radial-integrals.ts';
import {
  buildRadialTables,
  buildRadialTableSlice,
  evaluateRadialTable,
  flattenForGpu,
  joinRadialTables,
  radialTableKnotCount,
  TABLE_RANGE_SIGMAS,
} from './radial-tables.ts';
import { createReferenceIntegrator } from './testing/funk-hecke-reference.ts';

const cutoff = 3;
const sigma = 0.3;
const nMax = 6;
const lMax = 5;
const width = nMax * (lMax + 1);
const rangeEnd = cutoff + TABLE_RANGE_SIGMAS * sigma;
const basis = createRadialBasis('gto', nMax, cutoff);
const distances = [0, 1e-3, 0.05, 0.29, 0.8, 1.5, 2.999, 3.0, 3.4, 4.1, rangeEnd];

function evaluate(f: (d: number, v: Float64Array, dv: Float64Array) => void, d: number) {
  const v = new Float64Array(width);
  const dv = new Float64Array(width);
  f(d, v, dv);
  return { v, dv };
}

/** Largest |F_nl| over the distances, per l: the scale errors are measured against. */
function scalePerL(values: Float64Array[]): Float64Array {
  const scale = new Float64Array(lMax + 1);
  for (const v of values)
    for (let i = 0; i < width; i++)
      scale[Math.floor(i / nMax)] = Math.max(scale[Math.floor(i / nMax)], Math.abs(v[i]));
  return scale;
}

const integrator = createRadialIntegrator(basis, sigma, lMax, rangeEnd);
const tables = buildRadialTables({ cutoff, sigma, nMax, lMax, species: ['H'] });

/** The k-space integrals of one field, with the reference's signature. */
function kspaceOf(field: Field) {
  const offset = FIELDS.indexOf(field) * width;
  const v = new Float64Array(2 * width);
  const dv = new Float64Array(2 * width);
  return (d: number, value: Float64Array, deriv: Float64Array) => {
    integrator.integrals(d, v, dv);
    value.set(v.subarray(offset, offset + width));
    deriv.set(dv.subarray(offset, offset + width));
  };
}

describe.each<Field>(['density', 'potential'])('radial integrals of the %s', (field) => {
  const kspace = { integrals: kspaceOf(field) };
  const realspace = createReferenceIntegrator(field, basis, sigma, lMax);
  const fast = distances.map((d) => evaluate(kspace.integrals, d));
  const ref = distances.map((d) => evaluate(realspace, d));
  const scale = scalePerL(ref.map((r) => r.v));

  it('agree between the k-space route and real-space Funk–Hecke quadrature (values and slopes)', () => {
    distances.forEach((_, j) => {
      for (let i = 0; i < width; i++) {
        const s = scale[Math.floor(i / nMax)];
        expect(Math.abs(fast[j].v[i] - ref[j].v[i])).toBeLessThan(1e-11 * s);
        expect(Math.abs(fast[j].dv[i] - ref[j].dv[i])).toBeLessThan(1e-9 * s);
      }
    });
  });

  it('slopes equal central finite differences of the values', () => {
    const h = 1e-5;
    for (const d of [0.4, 1.7, 3.6]) {
      const plus = evaluate(kspace.integrals, d + h).v;
      const minus = evaluate(kspace.integrals, d - h).v;
      const slope = evaluate(kspace.integrals, d).dv;
      for (let i = 0; i < width; i++) {
        expect(Math.abs((plus[i] - minus[i]) / (2 * h) - slope[i])).toBeLessThan(
          1e-7 * scale[Math.floor(i / nMax)],
        );
      }
    }
  });

  it('the spline table reproduces the exact integrals between knots to 1e−8', () => {
    const table = tables[field];
    const out = new Float64Array(width);
    for (let d = 0.0007; d < rangeEnd; d += 0.0713) {
      const exact = evaluate(kspace.integrals, d).v;
      evaluateRadialTable(table, d, out);
      for (let i = 0; i < width; i++)
        expect(Math.abs(out[i] - exact[i])).toBeLessThan(1e-8 * scale[Math.floor(i / nMax)]);
    }
  });
});

describe('far field', () => {
  it('the potential table switches to the multipole tail where the exact integral already equals it', () => {
    const table = tables.potential;
    const exact = createReferenceIntegrator('potential', basis, sigma, lMax);
    const tail = new Float64Array(width);
    for (const d of [rangeEnd, rangeEnd + 0.5, 7.3]) {
      const { v } = evaluate(exact, d);
      const scale = scalePerL([v]);
      evaluateRadialTable(table, d, tail);
      for (let i = 0; i < width; i++)
        expect(Math.abs(tail[i] - v[i])).toBeLessThan(1e-9 * scale[Math.floor(i / nMax)]);
    }
  });

  it('the density table is zero beyond r_c + 6σ and the tail decays as d^−(l+1)', () => {
    const { density, potential } = tables;
    const a = new Float64Array(width);
    const b = new Float64Array(width);
    evaluateRadialTable(density, rangeEnd + 0.01, a);
    expect(a.every((x) => x === 0)).toBe(true);
    evaluateRadialTable(potential, 10, a);
    evaluateRadialTable(potential, 20, b);
    for (let l = 0; l <= lMax; l++) {
      for (let n = 0; n < nMax; n++) expect(b[l * nMax + n] / a[l * nMax + n]).toBeCloseTo(2 ** -(l + 1), 12);
    }
  });
});

describe('flat export for the GPU', () => {
  it('holds F_nl(d_k) and h·dF/dd at the documented offsets, in f32', () => {
    const flat = flattenForGpu(tables.potential);
    const exact = kspaceOf('potential');
    const v = new Float64Array(width);
    const dv = new Float64Array(width);
    for (const k of [0, 17, flat.knotCount - 1]) {
      exact(k * flat.spacing, v, dv);
      for (let l = 0; l <= lMax; l++) {
        for (let n = 0; n < nMax; n++) {
          const at = ((k * (lMax + 1) + l) * nMax + n) * 2;
          expect(flat.knots[at]).toBeCloseTo(Math.fround(v[l * nMax + n]), 6);
          expect(flat.knots[at + 1]).toBeCloseTo(Math.fround(flat.spacing * dv[l * nMax + n]), 6);
        }
      }
    }
    expect(flat.tail.length).toBe(width);
  });
});

describe('tables built in slices (an engine pool shares the knots out)', () => {
  const hypers = { cutoff, sigma, nMax, lMax, species: ['H'] };
  const knots = radialTableKnotCount(hypers);
  const cuts = [0, 1, 250, knots];
  const slices = cuts.slice(1).map((to, i) => buildRadialTableSlice(hypers, cuts[i], to));

  it('joined, hold the exact integrals at every knot, bit for bit the tables built whole', () => {
    const joined = joinRadialTables(hypers, slices);
    const value = new Float64Array(2 * width);
    const deriv = new Float64Array(2 * width);
    for (const k of [0, 1, 249, 250, 251, knots - 1]) {
      integrator.integrals(k * joined.density.spacing, value, deriv);
      FIELDS.forEach((field, f) => {
        for (let i = 0; i < width; i++) {
          expect(joined[field].knots[(k * width + i) * 2]).toBe(value[f * width + i]);
          expect(joined[field].knots[(k * width + i) * 2 + 1]).toBe(
            joined[field].spacing * deriv[f * width + i],
          );
        }
      });
    }
    for (const field of FIELDS) {
      expect(joined[field].knots).toEqual(tables[field].knots);
      expect(joined[field].tail).toEqual(tables[field].tail);
      expect(joined[field].squareMoments).toEqual(tables[field].squareMoments);
    }
  });

  it('refuse knots outside the table, and slices that leave a gap, overlap or stop short', () => {
    expect(() => buildRadialTableSlice(hypers, 5, 5)).toThrow(RangeError);
    expect(() => buildRadialTableSlice(hypers, 0, knots + 1)).toThrow(RangeError);
    expect(() => joinRadialTables(hypers, [slices[0], slices[2]])).toThrow(/expected knots from 1/);
    expect(() => joinRadialTables(hypers, [slices[0], slices[1], slices[1]])).toThrow(RangeError);
    expect(() => joinRadialTables(hypers, slices.slice(0, 2))).toThrow(`end at knot 250 of ${knots}`);
  });
});

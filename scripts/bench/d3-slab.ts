/**
 * bench:cpu's (d): the periodic Li(100) slab with water of the D3 set (328 atoms, T T F) against the same atoms taken
 * as a cluster, every atom a centre, ρ⊗V with the hypers. Two workloads: one structure per request, and a
 * whole binding curve in one request (the slab stays put, so its far field is kept from one point to the next). Slab,
 * slab with the Ewald real-space sums in TypeScript (setSimdEwald off) and cluster runs alternate in this process;
 * medians per structure, as wall time and as this process's CPU time (what the wall time would be on an idle
 * machine).
 */
import type { Structure } from '../../src/chem/structure.ts';
import type { D3Dataset } from '../../src/data/d3.ts';
import { setSimdEwald } from '../../src/lode/ewald-simd.ts';
import { computeFeatures, type FeatureKind, type PeriodicHandling } from '../../src/lode/features.ts';
import { median } from '../lib/bench-cli.ts';
import type { Timing } from './field-slices.ts';

export const D3_HYPERS = {
  nMax: 6,
  lMax: 4,
  cutoff: 4,
  sigma: 0.3,
  radialBasis: 'gto',
  includeCenter: true,
  species: ['H', 'Li', 'O'],
} as const;
export const D3_KINDS: readonly FeatureKind[] = ['rho-V'];

export interface SlabAgainstCluster {
  readonly name: string;
  readonly structures: number;
  readonly atoms: number;
  /** Medians per structure: the slab, the slab with its Ewald real-space sums in TypeScript, the cluster. */
  readonly slab: Timing;
  readonly slabTypeScript: Timing;
  readonly cluster: Timing;
  /** slab / cluster, of the medians (wall and CPU). */
  readonly ratio: Timing;
  /** slabTypeScript / slab, of the medians: the gain of the WebAssembly SIMD real-space sums. */
  readonly simdGain: Timing;
  readonly raw: { readonly slab: Timing[]; readonly slabTypeScript: Timing[]; readonly cluster: Timing[] };
}

function timeRequest(structures: readonly Structure[], periodic: PeriodicHandling): Timing {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  computeFeatures({ structures, hypers: D3_HYPERS, kinds: D3_KINDS, periodic });
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

const perStructure = ({ wallMs, cpuMs }: Timing, count: number): Timing => ({
  wallMs: wallMs / count,
  cpuMs: cpuMs / count,
});

function medianTiming(timings: readonly Timing[]): Timing {
  return { wallMs: median(timings.map((t) => t.wallMs)), cpuMs: median(timings.map((t) => t.cpuMs)) };
}

/** The slab with the Ewald real-space sums in TypeScript. */
function timeTypeScriptSums(structures: readonly Structure[]): Timing {
  setSimdEwald(false);
  try {
    return timeRequest(structures, 'periodic');
  } finally {
    setSimdEwald(true);
  }
}

const ratioOf = (a: Timing, b: Timing): Timing => ({ wallMs: a.wallMs / b.wallMs, cpuMs: a.cpuMs / b.cpuMs });

function compare(name: string, structures: readonly Structure[], runs: number): SlabAgainstCluster {
  const slab: Timing[] = [];
  const slabTypeScript: Timing[] = [];
  const cluster: Timing[] = [];
  for (let run = 0; run < runs; run++) {
    slab.push(perStructure(timeRequest(structures, 'periodic'), structures.length));
    slabTypeScript.push(perStructure(timeTypeScriptSums(structures), structures.length));
    cluster.push(perStructure(timeRequest(structures, 'as-clusters'), structures.length));
    process.stderr.write(
      `bench: (d) ${name} run ${run + 1}/${runs}: slab ${slab[run].wallMs.toFixed(0)} ms ` +
        `(TypeScript sums ${slabTypeScript[run].wallMs.toFixed(0)} ms), ` +
        `cluster ${cluster[run].wallMs.toFixed(0)} ms per structure\n`,
    );
  }
  const s = medianTiming(slab);
  const t = medianTiming(slabTypeScript);
  const c = medianTiming(cluster);
  return {
    name,
    structures: structures.length,
    atoms: structures[0].species.length,
    slab: s,
    slabTypeScript: t,
    cluster: c,
    ratio: ratioOf(s, c),
    simdGain: ratioOf(t, s),
    raw: { slab, slabTypeScript, cluster },
  };
}

/** One structure (curve 0, point 10) and all of curve 0, after an untimed run of each kind (radial tables, JIT). */
export function measureSlabAgainstCluster(d3: D3Dataset, runs: number): SlabAgainstCluster[] {
  const curve = d3.curves[0].points.map((p) => p.structure);
  const one = [curve[10]];
  timeRequest(one, 'periodic');
  timeTypeScriptSums(one);
  timeRequest(one, 'as-clusters');
  return [
    compare('one structure per request', one, runs),
    compare(`binding curve, ${curve.length} structures in one request`, curve, runs),
  ];
}

export function slabTable(rows: readonly SlabAgainstCluster[]): string {
  const ms = (t: Timing) => `${t.wallMs.toFixed(1)} (${t.cpuMs.toFixed(1)})`;
  const ratio = (t: Timing) => `${t.wallMs.toFixed(2)}× (${t.cpuMs.toFixed(2)}×)`;
  return [
    '',
    `| (d) D3 Li(100) 5×5×13 + H2O, ${rows[0]?.atoms ?? 0} atoms, all centres, ρ⊗V n6 l4 r_c 4 σ 0.3 | structures | slab (T T F) ms/structure, wall (CPU) | slab, TypeScript Ewald real-space sums | SIMD gain | cluster ms/structure | slab/cluster |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.structures} | ${ms(r.slab)} | ${ms(r.slabTypeScript)} | ${ratio(r.simdGain)} | ` +
        `${ms(r.cluster)} | ${ratio(r.ratio)} |`,
    ),
    '',
  ].join('\n');
}

/**
 * Table 1 of the paper (§4.1) on D1: per class, the protocol of src/experiments/dimers on the CPU engine, printed
 * next to the paper's figures, with the committee's coverage, the ρ⊗V and ρ⊗ρ learning curves, times and memory;
 * written to bench-results/dimers.json.
 *
 *     npm run bench:dimers -- [--classes CC,PP] [--seed 0] [--nmax 4] [--lmax 3] [--kinds rho-rho,rho-V,V-V]
 */
import '../lib/relaxed-simd.ts';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadD1 } from '../../src/data/d1.ts';
import { LESSON_HYPERS } from '../../src/experiments/dimers/binding-features.ts';
import { runClassStudy, type ClassStudy } from '../../src/experiments/dimers/class-study.ts';
import type { ClassName } from '../../src/experiments/dimers/split.ts';
import { formatTable, KIND_SYMBOL, tableRow } from '../../src/experiments/dimers/table.ts';
import { cpuEngine, FEATURE_KINDS, type FeatureKind } from '../../src/lode/features.ts';

const { values } = parseArgs({
  options: {
    classes: { type: 'string', default: 'CC,CP,CA,PP,PA,AA' },
    seed: { type: 'string', default: '0' },
    nmax: { type: 'string', default: String(LESSON_HYPERS.nMax) },
    lmax: { type: 'string', default: String(LESSON_HYPERS.lMax) },
    kinds: { type: 'string', default: FEATURE_KINDS.join(',') },
  },
});
const hypers = { ...LESSON_HYPERS, nMax: Number(values.nmax), lMax: Number(values.lmax) };
const kinds = values.kinds.split(',') as FeatureKind[];
const dataset = loadD1(
  JSON.parse(readFileSync(new URL('../../public/data/d1-ssi.json', import.meta.url), 'utf8')),
);

const studies: ClassStudy[] = [];
// The process's peak resident set (the fits are synchronous, so sampling from a timer would miss their peaks).
const peakRss = () => process.resourceUsage().maxRSS * 1024;
for (const cls of values.classes.split(',') as ClassName[]) {
  const curves = dataset.curves.filter((c) => c.class === cls);
  const started = performance.now();
  let last = -1;
  const study = await runClassStudy(cls, curves, dataset.level, cpuEngine, {
    hypers,
    seed: Number(values.seed),
    kinds,
    onProgress: ({ kind, stage, fraction }) => {
      const step = Math.floor(fraction * 20);
      if (step !== last)
        process.stderr.write(`\r${cls} ${KIND_SYMBOL[kind]} ${stage} ${(100 * fraction).toFixed(0)} %   `);
      last = step;
    },
  });
  process.stderr.write('\n');
  studies.push(study);
  const seconds = (performance.now() - started) / 1000;
  const fit = (k: FeatureKind) => study.fits[k];
  console.log(
    `${cls}: ${curves.length} curves (${study.train.length} train, ${study.test.length} test), species ` +
      `${study.species.join('')}, ${seconds.toFixed(1)} s, peak RSS so far ${(peakRss() / 2 ** 20).toFixed(0)} MB`,
  );
  for (const k of kinds) {
    const f = fit(k)!;
    console.log(
      `  ${KIND_SYMBOL[k]}: ${f.columns.length} columns, α ${f.alpha.toExponential(2)}, test RMSE ` +
        `${f.testRmse.toFixed(4)} eV = ${f.testRmsePercent.toFixed(1)} %, features ${f.seconds.features.toFixed(1)} s, ` +
        `fits ${f.seconds.fits.toFixed(1)} s`,
    );
    if (f.committee) {
      const c = f.committee;
      console.log(
        `    committee: calibration ${c.model.calibration.toFixed(2)}, test inside ±1σ ${(100 * c.coverage1).toFixed(1)} %, ` +
          `±2σ ${(100 * c.coverage2).toFixed(1)} %`,
      );
    }
    if (f.learning) {
      console.log(
        `    learning curve (curves: RMSE% mean ± std): ` +
          f.learning
            .map((p) => `${p.curves}: ${p.rmsePercent.mean.toFixed(1)} ± ${p.rmsePercent.std.toFixed(1)}`)
            .join(', '),
      );
    }
  }
}
console.log(
  `\nTable 1 — ours: GFN2-xTB, D1 (r_c ${hypers.cutoff} Å, σ ${hypers.sigma} Å, n_max ${hypers.nMax}, l_max ${hypers.lMax}, seed ${values.seed}); paper: PBE0-TS\n`,
);
console.log(formatTable(studies.map(tableRow)));
let inside1 = 0;
let inside2 = 0;
let total = 0;
for (const s of studies) {
  const c = s.fits['rho-V']?.committee;
  if (!c) continue;
  inside1 += c.coverage1 * s.test.length;
  inside2 += c.coverage2 * s.test.length;
  total += s.test.length;
}
if (total > 0) {
  console.log(
    `\nρ⊗V committee over all test points: ${((100 * inside1) / total).toFixed(1)} % inside ±1σ, ${((100 * inside2) / total).toFixed(1)} % inside ±2σ`,
  );
}
console.log(`peak RSS ${(peakRss() / 2 ** 20).toFixed(0)} MB`);
const out = fileURLToPath(new URL('../../bench-results/', import.meta.url));
mkdirSync(out, { recursive: true });
writeFileSync(
  `${out}dimers.json`,
  JSON.stringify(
    { hypers, seed: Number(values.seed), rows: studies.map(tableRow), peakRss: peakRss() },
    null,
    1,
  ),
);

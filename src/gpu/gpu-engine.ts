/**
 * The WebGPU feature engine (f32): the same FeatureRequest → FeatureResult contract as the CPU engine, computed in
 * two compute passes per chunk of structures — expansion coefficients (expand.wgsl), then power spectra and λ = 1
 * couplings summed per output group (power-spectrum.wgsl, vectors.wgsl) — with one submission and one readback per
 * chunk. Radial tables come from src/lode (the same knots as the CPU engine), uploaded once per hyper-parameter set.
 * Periodic structures enter as their atoms plus the images near their centres (periodic-images.ts) and the Ewald
 * far field of every centre (far-field.ts), added to the potential coefficients by the expansion pass.
 *
 * Timings: tablesMs = table build + upload, expansionMs = validation and packing on the host, productsMs = GPU work
 * from submission to readback (both passes; they are not separated without timestamp queries).
 */
import { realClebschGordan } from '../lode/clebsch-gordan.ts';
import { planFeatures, type FeaturePlan } from '../lode/feature-plan.ts';
import {
  FIELDS_OF,
  isSymmetric,
  type FeatureEngine,
  type FeatureKind,
  type FeatureRequest,
  type FeatureResult,
  type FeatureTimings,
  type InvariantLabel,
  type RowInfo,
  type VectorLabel,
} from '../lode/feature-spec.ts';
import type { LodeHypers } from '../lode/hypers.ts';
import { channelPairs, pairCount, vectorAngularPairs } from '../lode/products.ts';
import { FIELDS } from '../lode/radial-integrals.ts';
import { flattenForGpu, radialTables, type TableProgress } from '../lode/radial-tables.ts';
import { harmonicCount } from '../lode/spherical-harmonics.ts';
import { BufferPool } from './buffer-pool.ts';
import { chunkRanges, packChunk, type Chunk } from './batch.ts';
import { packFarFields, type FarFieldChunk } from './far-field.ts';
import {
  createDevice,
  GpuUnavailableError,
  requestGpu,
  type GpuAdapterChoice,
  type GpuContext,
} from './device.ts';
import expandSource from './expand.wgsl?raw';
import harmonicsSource from './harmonics.wgsl?raw';
import layoutSource from './layout.wgsl?raw';
import powerSource from './power-spectrum.wgsl?raw';
import realSpaceSource from './real-space.wgsl?raw';
import reciprocalSource from './reciprocal.wgsl?raw';
import vectorsSource from './vectors.wgsl?raw';

/** Features of consecutive rows, as computed (f32); its arrays are valid only until the consumer returns. */
export interface FeatureChunk {
  readonly firstRow: number;
  readonly rows: number;
  /** Rows of the whole request, and the column counts (the same in every chunk). */
  readonly totalRows: number;
  readonly invariantWidth: number;
  readonly vectorWidth: number;
  /** rows × invariant columns. */
  readonly invariants: Float32Array;
  /** rows × vector columns × 3. */
  readonly vectors: Float32Array;
}

export interface StreamOptions {
  /** Most bytes of features (invariants + vectors) alive per chunk (default 256 MiB). */
  readonly maxChunkBytes?: number;
}

export interface StreamSummary {
  readonly rows: number;
  readonly chunks: number;
  readonly invariantLabels: readonly InvariantLabel[];
  readonly vectorLabels: readonly VectorLabel[];
  readonly rowInfo: readonly RowInfo[];
  readonly timings: FeatureTimings;
}

const WORKGROUP = 64;
const MAX_DISPATCH = 65535;
const DEFAULT_CHUNK_BYTES = 256 * 1024 * 1024;

interface Pipelines {
  readonly realSpace: GPUComputePipeline;
  readonly structureFactors: GPUComputePipeline;
  readonly reciprocal: GPUComputePipeline;
  readonly expand: GPUComputePipeline;
  readonly power: GPUComputePipeline;
  readonly vectors: GPUComputePipeline;
}

interface TableBuffers {
  readonly knots: GPUBuffer;
  readonly tail: GPUBuffer;
  readonly knotCount: number;
  readonly spacing: number;
  readonly rangeEnd: number;
}

/** Workgroups for `count` items of `perGroup` threads, as a 2D grid within the per-dimension limit. */
function grid(count: number, perGroup = 1): [number, number] {
  const groups = Math.ceil(count / perGroup);
  const x = Math.max(1, Math.min(groups, MAX_DISPATCH));
  return [x, Math.max(1, Math.ceil(groups / x))];
}

export class GpuFeatureEngine implements FeatureEngine {
  readonly backend = 'webgpu' as const;
  private readonly pool: BufferPool;
  private readonly pipelines = new Map<string, Pipelines>();
  private readonly tables = new Map<string, TableBuffers>();
  /** Chunks run one at a time: they share the pooled buffers (concurrent calls would resize them mid-flight). */
  private exclusive: Promise<void> = Promise.resolve();

  private constructor(private readonly context: GpuContext) {
    this.pool = new BufferPool(context.device);
  }

  /** Throws GpuUnavailableError (with the reason) when WebGPU cannot be used. */
  static async create(gpu: GPU | undefined = globalThis.navigator?.gpu): Promise<GpuFeatureEngine> {
    return new GpuFeatureEngine(await requestGpu(gpu));
  }

  /** On an adapter already chosen (selectAdapter), e.g. after checking that it is not a software one. */
  static async onAdapter(choice: GpuAdapterChoice): Promise<GpuFeatureEngine> {
    return new GpuFeatureEngine(await createDevice(choice));
  }

  get adapter(): string {
    return this.context.adapter;
  }

  get isFallbackAdapter(): boolean {
    return this.context.isFallbackAdapter;
  }

  /** The adapter is a CPU implementation of WebGPU (SwiftShader, llvmpipe, WARP, …): see isSoftwareAdapter. */
  get isSoftwareAdapter(): boolean {
    return this.context.isSoftware;
  }

  /** Resolves when the device is lost (driver reset, tab backgrounded for long, destroy()). */
  get lost(): Promise<GPUDeviceLostInfo> {
    return this.context.device.lost;
  }

  destroy(): void {
    this.pool.destroy();
    for (const t of this.tables.values()) {
      t.knots.destroy();
      t.tail.destroy();
    }
    this.context.device.destroy();
  }

  async compute(request: FeatureRequest): Promise<FeatureResult> {
    let invariants = new Float64Array(0);
    let vectors = new Float64Array(0);
    const summary = await this.stream(request, (chunk) => {
      if (chunk.firstRow === 0) {
        invariants = new Float64Array(chunk.totalRows * chunk.invariantWidth);
        vectors = new Float64Array(chunk.totalRows * chunk.vectorWidth * 3);
      }
      invariants.set(chunk.invariants, chunk.firstRow * chunk.invariantWidth);
      vectors.set(chunk.vectors, chunk.firstRow * chunk.vectorWidth * 3);
    });
    return {
      rows: summary.rows,
      invariants,
      invariantLabels: summary.invariantLabels,
      vectors,
      vectorLabels: summary.vectorLabels,
      rowInfo: summary.rowInfo,
      timings: summary.timings,
    };
  }

  /**
   * Computes the request chunk by chunk and hands each chunk to `consume` before the next is computed, so that at
   * most one chunk of features (≤ maxChunkBytes) is alive at a time. The chunk's arrays are views of GPU read-back
   * memory, detached once `consume` returns (or its promise settles): copy what must outlive it.
   */
  async stream(
    request: FeatureRequest,
    consume: (chunk: FeatureChunk) => void | Promise<void>,
    options: StreamOptions = {},
  ): Promise<StreamSummary> {
    const timings: FeatureTimings = { tablesMs: 0, expansionMs: 0, productsMs: 0 };
    let t0 = performance.now();
    const plan = planFeatures(request);
    timings.expansionMs += performance.now() - t0;

    t0 = performance.now();
    const pipelines = await this.pipelinesFor(plan.hypers);
    const onStage = request.onStageProgress;
    const tables = this.tablesFor(
      plan.hypers,
      onStage && ((done, total) => onStage({ stage: 'tables', done, total })),
    );
    timings.tablesMs = performance.now() - t0;

    const { layout } = plan;
    const coefficientBytes = 2 * harmonicCount(plan.hypers.lMax) * layout.channelNames.length * 4;
    const rowBytes = (layout.invariantWidth + 3 * layout.vectorWidth) * 4;
    const maxBinding = this.context.device.limits.maxStorageBufferBindingSize;
    const budget = Math.min(options.maxChunkBytes ?? DEFAULT_CHUNK_BYTES, maxBinding);
    const limits = {
      centres: Math.max(1, Math.floor(Math.min(maxBinding, DEFAULT_CHUNK_BYTES) / coefficientBytes)),
      rows: Math.max(1, Math.floor(budget / Math.max(rowBytes, 1))),
    };
    const ranges = chunkRanges(plan, request.structures.length, limits);
    const pack = (range: [number, number]) => {
      const start = performance.now();
      const chunk = packChunk(request.structures, plan, range, tables.rangeEnd);
      const far = packFarFields(request.structures, plan, chunk, tables.rangeEnd);
      timings.expansionMs += performance.now() - start;
      return { chunk, far };
    };
    let next = ranges.length > 0 ? pack(ranges[0]) : null;
    for (let i = 0; next; i++) {
      request.signal?.throwIfAborted();
      const current = next;
      await this.exclusively(async () => {
        const start = performance.now();
        // run() submits the chunk's passes before its first await: the next chunk is packed while the GPU works.
        const turn = this.run(plan, current.chunk, current.far, pipelines, tables);
        const submitMs = performance.now() - start;
        next = i + 1 < ranges.length ? pack(ranges[i + 1]) : null;
        const wait = performance.now();
        const { chunk, unmap } = await turn;
        timings.productsMs += submitMs + performance.now() - wait;
        try {
          await consume(chunk);
        } finally {
          unmap();
        }
      });
      request.onProgress?.(ranges[i][1], request.structures.length);
      onStage?.({ stage: 'structures', done: ranges[i][1], total: request.structures.length });
    }
    return {
      rows: plan.rowInfo.length,
      chunks: ranges.length,
      invariantLabels: layout.invariantLabels,
      vectorLabels: layout.vectorLabels,
      rowInfo: plan.rowInfo,
      timings,
    };
  }

  /** Runs `work` once the chunks queued before it are done, and holds later ones back until it settles. */
  private async exclusively<T>(work: () => Promise<T>): Promise<T> {
    const before = this.exclusive;
    let release = () => {};
    this.exclusive = new Promise<void>((resolve) => (release = resolve));
    await before;
    try {
      return await work();
    } finally {
      release();
    }
  }

  private async pipelinesFor(hypers: Required<LodeHypers>): Promise<Pipelines> {
    const { nMax, lMax } = hypers;
    const nSpecies = hypers.species.length;
    const key = `${nMax}/${lMax}/${nSpecies}`;
    const cached = this.pipelines.get(key);
    if (cached) return cached;
    const harmonics = harmonicCount(lMax);
    const workgroupBytes = 4 * (2 * harmonics * nSpecies * nMax + WORKGROUP * harmonics + 5 * WORKGROUP + 4);
    const available = this.context.device.limits.maxComputeWorkgroupStorageSize;
    if (workgroupBytes > available) {
      throw new GpuUnavailableError(
        `n_max = ${nMax}, l_max = ${lMax} with ${nSpecies} species need ${workgroupBytes} B of workgroup memory; ` +
          `the device has ${available} B`,
      );
    }
    const device = this.context.device;
    const constants = { NMAX: nMax, LMAX: lMax, NSPECIES: nSpecies };
    const make = (code: string, entryPoint: string, label: string) =>
      device.createComputePipelineAsync({
        label,
        layout: 'auto',
        compute: {
          module: device.createShaderModule({ label, code: `${layoutSource}\n${code}` }),
          entryPoint,
          constants,
        },
      });
    const withHarmonics = (code: string) => `${harmonicsSource}\n${code}`;
    const [realSpace, structureFactors, reciprocal, expand, power, vectors] = await Promise.all([
      make(withHarmonics(realSpaceSource), 'realSpace', 'real-space'),
      make(reciprocalSource, 'structureFactors', 'structure-factors'),
      make(reciprocalSource, 'reciprocal', 'reciprocal'),
      make(withHarmonics(expandSource), 'expand', 'expand'),
      make(powerSource, 'power', 'power-spectrum'),
      make(vectorsSource, 'couple', 'vectors'),
    ]);
    const pipelines = { realSpace, structureFactors, reciprocal, expand, power, vectors };
    this.pipelines.set(key, pipelines);
    return pipelines;
  }

  private tablesFor(hypers: Required<LodeHypers>, onProgress?: TableProgress): TableBuffers {
    const key = JSON.stringify([hypers.cutoff, hypers.sigma, hypers.nMax, hypers.lMax, hypers.radialBasis]);
    const cached = this.tables.get(key);
    if (cached) return cached;
    const all = radialTables(hypers, onProgress);
    const flat = FIELDS.map((f) => flattenForGpu(all[f]));
    const knots = new Float32Array(flat[0].knots.length * 2);
    knots.set(flat[0].knots, 0);
    knots.set(flat[1].knots, flat[0].knots.length);
    const device = this.context.device;
    const upload = (data: Float32Array<ArrayBuffer>, label: string) => {
      const buffer = device.createBuffer({
        label,
        size: data.byteLength,
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
      device.queue.writeBuffer(buffer, 0, data);
      return buffer;
    };
    const potential = flat[1];
    const tail = new Float32Array(potential.tail.length + hypers.nMax);
    tail.set(potential.tail);
    tail.set(all.potential.squareMoments, potential.tail.length);
    const tables = {
      knots: upload(knots, 'radial-knots'),
      tail: upload(tail, 'radial-tail'),
      knotCount: potential.knotCount,
      spacing: potential.spacing,
      rangeEnd: potential.rangeEnd,
    };
    this.tables.set(key, tables);
    return tables;
  }

  /**
   * The Ewald sums over real-space pairs (real-space.wgsl) and waves (reciprocal.wgsl), added to the far field before
   * the expansion pass reads it.
   */
  private encodeFarField(
    encoder: GPUCommandEncoder,
    chunk: Chunk,
    far: FarFieldChunk,
    species: number,
    pipelines: Pipelines,
    [atoms, centres, farField]: [GPUBuffer, GPUBuffer, GPUBuffer],
  ): void {
    const { device } = this.context;
    const pool = this.pool;
    const buffers: [number, GPUBuffer][] = [
      [1, pool.upload('ewald-cells', far.cells, GPUBufferUsage.STORAGE)],
      [2, pool.upload('ewald-waves', far.waves, GPUBufferUsage.STORAGE)],
      [3, pool.upload('ewald-phases', far.phases, GPUBufferUsage.STORAGE)],
      [4, atoms],
      [5, pool.get('structure-factors', far.waveCount * species * 8, GPUBufferUsage.STORAGE)],
      [6, pool.upload('ewald-weights', far.weights, GPUBufferUsage.STORAGE)],
      [7, centres],
      [8, farField],
      [9, pool.upload('real-space-cells', far.realCells, GPUBufferUsage.STORAGE)],
      [10, pool.upload('real-space-sources', far.realSources, GPUBufferUsage.STORAGE)],
      [11, pool.upload('real-space-knots', far.realKnots, GPUBufferUsage.STORAGE)],
    ];
    const pass = encoder.beginComputePass({ label: 'ewald' });
    const run = (
      pipeline: GPUComputePipeline,
      name: string,
      count: number,
      perGroup: number,
      used: number[],
    ) => {
      const [gx, gy] = grid(count, perGroup);
      const params = pool.upload(
        name,
        Uint32Array.of(far.waveCount, chunk.centreCount, gx, 0),
        GPUBufferUsage.UNIFORM,
      );
      const entries = [[0, params] as [number, GPUBuffer], ...buffers.filter(([b]) => used.includes(b))];
      pass.setPipeline(pipeline);
      pass.setBindGroup(
        0,
        device.createBindGroup({
          layout: pipeline.getBindGroupLayout(0),
          entries: entries.map(([binding, buffer]) => ({ binding, resource: { buffer } })),
        }),
      );
      pass.dispatchWorkgroups(gx, gy);
    };
    run(pipelines.realSpace, 'real-space-params', chunk.centreCount, 1, [7, 8, 9, 10, 11]);
    run(pipelines.structureFactors, 'factor-params', far.waveCount, WORKGROUP, [1, 2, 3, 4, 5]);
    run(pipelines.reciprocal, 'reciprocal-params', chunk.centreCount, 1, [1, 2, 3, 5, 6, 7, 8]);
    pass.end();
  }

  private async run(
    plan: FeaturePlan,
    chunk: Chunk,
    far: FarFieldChunk,
    pipelines: Pipelines,
    tables: TableBuffers,
  ): Promise<{ chunk: FeatureChunk; unmap: () => void }> {
    const { device } = this.context;
    const { hypers, layout } = plan;
    const pool = this.pool;
    const channels = layout.channelNames.length;
    const coefficientCount = 2 * harmonicCount(hypers.lMax) * channels;

    const atoms = pool.upload('atoms', chunk.atoms, GPUBufferUsage.STORAGE);
    const atomsLow = pool.upload('atoms-low', chunk.atomsLow, GPUBufferUsage.STORAGE);
    const structures = pool.upload('structures', chunk.structures, GPUBufferUsage.STORAGE);
    const centres = pool.upload('centres', chunk.centres, GPUBufferUsage.STORAGE);
    const groups = pool.upload('groups', chunk.groups, GPUBufferUsage.STORAGE);
    const members = pool.upload('members', chunk.members, GPUBufferUsage.STORAGE);
    const coeffs = pool.get('coefficients', chunk.centreCount * coefficientCount * 4, GPUBufferUsage.STORAGE);
    const invariantBytes = chunk.rows * layout.invariantWidth * 4;
    const vectorBytes = chunk.rows * layout.vectorWidth * 3 * 4;
    const features = pool.get(
      'invariants',
      invariantBytes,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    );
    const vectors = pool.get(
      'vectors',
      vectorBytes,
      GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
    );
    const readInvariants = pool.get(
      'read-invariants',
      invariantBytes,
      GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    );
    const readVectors = pool.get(
      'read-vectors',
      vectorBytes,
      GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    );

    device.pushErrorScope('validation');
    const encoder = device.createCommandEncoder({ label: 'features' });
    const farField = pool.upload('far-field', far.far, GPUBufferUsage.STORAGE);
    if (far.realSources.length > 0) {
      const species = hypers.species.length;
      this.encodeFarField(encoder, chunk, far, species, pipelines, [atoms, centres, farField]);
    }
    const pass = encoder.beginComputePass({ label: 'expand' });
    const [ex, ey] = grid(chunk.centreCount);
    const expandParams = new ArrayBuffer(32);
    new Uint32Array(expandParams, 0, 4).set([
      chunk.centreCount,
      tables.knotCount,
      hypers.includeCenter ? 1 : 0,
      ex,
    ]);
    new Float32Array(expandParams, 16, 2).set([tables.spacing, tables.rangeEnd]);
    const bind = (pipeline: GPUComputePipeline, buffers: GPUBuffer[]) =>
      device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
    pass.setPipeline(pipelines.expand);
    pass.setBindGroup(
      0,
      bind(pipelines.expand, [
        pool.upload('expand-params', new Uint8Array(expandParams), GPUBufferUsage.UNIFORM),
        atoms,
        atomsLow,
        structures,
        centres,
        tables.knots,
        tables.tail,
        coeffs,
        farField,
      ]),
    );
    pass.dispatchWorkgroups(ex, ey);
    pass.end();
    if (invariantBytes > 0) encoder.clearBuffer(features, 0, Math.ceil(invariantBytes / 4) * 4);
    if (vectorBytes > 0) encoder.clearBuffer(vectors, 0, Math.ceil(vectorBytes / 4) * 4);

    const products = encoder.beginComputePass({ label: 'products' });
    // Both product shaders bind (params, coefficients, groups, members, …their own buffers).
    const dispatch = (
      pipeline: GPUComputePipeline,
      paramsName: string,
      params: Uint32Array<ArrayBuffer>,
      own: GPUBuffer[],
      gx: number,
      gy: number,
    ) => {
      products.setPipeline(pipeline);
      const uniform = pool.upload(paramsName, params, GPUBufferUsage.UNIFORM);
      products.setBindGroup(0, bind(pipeline, [uniform, coeffs, groups, members, ...own]));
      products.dispatchWorkgroups(gx, gy);
    };
    plan.kinds.forEach((kind, k) => {
      const pairs = pairCount(channels, isSymmetric(kind));
      const columns = (hypers.lMax + 1) * pairs;
      const [gx, gy] = grid(chunk.groupCount * columns, WORKGROUP);
      const [f1, f2] = fieldIndices(kind);
      const params = Uint32Array.of(
        chunk.groupCount,
        columns,
        pairs,
        layout.invariantWidth,
        layout.invariantOffset(kind, 0),
        f1,
        f2,
        isSymmetric(kind) ? 1 : 0,
        gx,
        0,
        0,
        0,
      );
      const table = Uint32Array.from(
        channelPairs(channels, isSymmetric(kind)),
        ([q1, q2]) => (q1 << 16) | q2,
      );
      dispatch(
        pipelines.power,
        `power-params-${k}`,
        params,
        [pool.upload(`pairs-${k}`, table, GPUBufferUsage.STORAGE), features],
        gx,
        gy,
      );
    });
    if (plan.vectorKinds.length > 0) {
      const [angular, couplings] = couplingTables(hypers.lMax);
      const angularBuffer = pool.upload('angular', angular, GPUBufferUsage.STORAGE);
      const couplingBuffer = pool.upload('couplings', couplings, GPUBufferUsage.STORAGE);
      plan.vectorKinds.forEach((kind, k) => {
        const columns = (angular.length / 4) * channels * channels;
        const [gx, gy] = grid(chunk.groupCount * columns, WORKGROUP);
        const [f1, f2] = fieldIndices(kind);
        const params = Uint32Array.of(
          chunk.groupCount,
          columns,
          layout.vectorWidth,
          layout.vectorOffset(kind, 0),
          f1,
          f2,
          gx,
          0,
        );
        dispatch(
          pipelines.vectors,
          `vector-params-${k}`,
          params,
          [angularBuffer, couplingBuffer, vectors],
          gx,
          gy,
        );
      });
    }
    products.end();
    if (invariantBytes > 0)
      encoder.copyBufferToBuffer(features, 0, readInvariants, 0, Math.ceil(invariantBytes / 4) * 4);
    if (vectorBytes > 0)
      encoder.copyBufferToBuffer(vectors, 0, readVectors, 0, Math.ceil(vectorBytes / 4) * 4);
    device.queue.submit([encoder.finish()]);
    const error = await device.popErrorScope();
    if (error) throw new Error(`WebGPU rejected the feature passes: ${error.message}`);

    // The chunk's arrays are views of the mapped read-back buffers (valid until unmap): a copy into fresh memory
    // cost more than the GPU work (page faults of hundreds of MiB per chunk), and every consumer copies anyway.
    const map = async (buffer: GPUBuffer, bytes: number) => {
      if (bytes === 0) return new Float32Array(0);
      await buffer.mapAsync(GPUMapMode.READ, 0, bytes);
      return new Float32Array(buffer.getMappedRange(0, bytes));
    };
    const unmap = () => {
      for (const buffer of [readInvariants, readVectors]) if (buffer.mapState === 'mapped') buffer.unmap();
    };
    try {
      const [invariantValues, vectorValues] = await Promise.all([
        map(readInvariants, invariantBytes),
        map(readVectors, vectorBytes),
      ]);
      const mapped: FeatureChunk = {
        firstRow: chunk.firstRow,
        rows: chunk.rows,
        totalRows: plan.rowInfo.length,
        invariantWidth: layout.invariantWidth,
        vectorWidth: layout.vectorWidth,
        invariants: invariantValues,
        vectors: vectorValues,
      };
      return { chunk: mapped, unmap };
    } catch (error) {
      unmap();
      throw error;
    }
  }
}

function fieldIndices(kind: FeatureKind): [number, number] {
  const [a, b] = FIELDS_OF[kind];
  return [FIELDS.indexOf(a), FIELDS.indexOf(b)];
}

/** (l1, l2, offset) per angular pair and the concatenated real CG tensors, in the CPU engine's column order. */
function couplingTables(lMax: number): [Uint32Array, Float32Array] {
  const pairs = vectorAngularPairs(lMax);
  const angular = new Uint32Array(4 * pairs.length);
  const tensors = pairs.map(([l1, l2]) => realClebschGordan(l1, l2, 1));
  let offset = 0;
  pairs.forEach(([l1, l2], i) => {
    angular.set([l1, l2, offset, 0], 4 * i);
    offset += tensors[i].length;
  });
  const couplings = new Float32Array(offset);
  offset = 0;
  for (const t of tensors) {
    couplings.set(t, offset);
    offset += t.length;
  }
  return [angular, couplings];
}

/**
 * The JSON layout of the shipped reference datasets (public/data), shared by the generators that write them and
 * the loaders that read them. Lengths are in Å, energies in eV; binding energies are E_AB − E_A − E_B of rigid
 * monomers, so the dissociated limit is 0 by construction.
 */

/** How one level of theory was computed: enough to rerun it and to know what the numbers mean. */
export interface ProvenanceRecord {
  /** Short name used as the key of this level's energies, e.g. `GFN2-xTB`. */
  readonly level: string;
  readonly program: string;
  readonly version: string;
  readonly method: string;
  readonly basis: string;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** The per-point command line, with `{charge}`-style placeholders for what varies. */
  readonly command: string;
  /** The command that regenerates the file. */
  readonly generator: string;
  /** ISO 8601 date of the run that produced the file. */
  readonly date: string;
  /** Points computed, and the sum and mean of their wall times (s). */
  readonly points: number;
  readonly wallSeconds: number;
  readonly meanPointSeconds: number;
  /** Points that could not be computed, with the reason. */
  readonly failures: readonly { readonly id: string; readonly reason: string }[];
}

/** A rigid molecule: species, flat Cartesian positions (Å), net charge (e). */
export interface MoleculeJson {
  readonly species: readonly string[];
  readonly positions: readonly number[];
  readonly charge: number;
}

/** D2: H2O–CO2 binding curves; molecule A (water) and B (CO2) have their centres of mass at the origin. */
export interface D2File {
  readonly format: 'lode-d2-h2o-co2/1';
  readonly description: string;
  readonly provenance: readonly ProvenanceRecord[];
  /** Centre-of-mass separations (Å) along +z, shared by all orientations. */
  readonly separations: readonly number[];
  /** [min, max] separations of the training window. */
  readonly trainingWindow: readonly [number, number];
  /** Separation (Å) at which the dissociated limit is checked. */
  readonly dissociatedSeparation: number;
  readonly orientations: readonly {
    readonly id: string;
    readonly water: MoleculeJson;
    readonly co2: MoleculeJson;
  }[];
  /** One entry per level of theory; energies[orientation][separation], null where not computed or failed. */
  readonly levels: readonly {
    readonly level: string;
    readonly energies: readonly (readonly (number | null)[])[];
    /** Binding energy at dissociatedSeparation, per orientation: the check that the curves go to 0. */
    readonly dissociated: readonly (number | null)[];
  }[];
}

/** Interaction class from the net charge and elements of both monomers (C charged, P polar, A apolar). */
export type DimerClass = 'CC' | 'CP' | 'CA' | 'PP' | 'PA' | 'AA';
export const DIMER_CLASSES: readonly DimerClass[] = ['CC', 'CP', 'CA', 'PP', 'PA', 'AA'];

/** D1: BioFragment (SSI) side-chain dimer binding curves. */
export interface D1File {
  readonly format: 'lode-d1-ssi/1';
  readonly description: string;
  readonly provenance: readonly ProvenanceRecord[];
  /** Rigid displacements (Å) of monomer B along `direction`, 0 being the database geometry. */
  readonly displacements: readonly number[];
  readonly dimers: readonly {
    readonly id: string;
    readonly class: DimerClass;
    readonly a: MoleculeJson;
    readonly b: MoleculeJson;
    /** Unit vector from A's geometric centre to B's. */
    readonly direction: readonly [number, number, number];
    /** Binding energy (eV) per displacement at the level of provenance[0]. */
    readonly energies: readonly number[];
  }[];
  /** Database dimers not computed yet (ids), in the order the generator takes them. */
  readonly pending: readonly string[];
}

/**
 * D3: a water molecule above a Li(100) slab (periodic in x and y), 81 water configurations × 31 heights. Targets
 * come from an image-charge model fitted to DFT (see provenance): binding energy and the induced dipole P^W.
 */
export interface D3File {
  readonly format: 'lode-d3-li-water/1';
  readonly description: string;
  readonly provenance: readonly ProvenanceRecord[];
  /** The slab: bcc lattice constant (Å), atoms per layer side, layers, and Li positions (flat, Å). */
  readonly slab: {
    readonly symbol: string;
    readonly latticeConstant: number;
    readonly size: number;
    readonly layers: number;
    readonly positions: readonly number[];
  };
  /** Orthorhombic cell lengths (Å); periodic along x and y only. */
  readonly cell: readonly [number, number, number];
  /** z of the top layer's nuclei, and the lateral position (x, y) of every water's O (Å). */
  readonly top: number;
  readonly site: readonly [number, number];
  /** Heights (Å) of the water's lowest atom above the top layer's nuclei. */
  readonly heights: readonly number[];
  /** Water [O, H, H] positions (flat, Å) in a frame with O at the origin; placed by translation only. */
  readonly waters: readonly { readonly id: string; readonly positions: readonly number[] }[];
  /** Binding energy (eV), [water][height]. */
  readonly energies: readonly (readonly number[])[];
  /** Induced dipole P^W (e·Å), [water][height] as [x, y, z]. */
  readonly inducedDipoles: readonly (readonly (readonly [number, number, number])[])[];
}

/**
 * A pasted structure in a link: one "symbol x y z" line per atom, positions to 1e−4 Å, after a first line
 * "cell ax ay az bx by bz cx cy cz TTF" (the cell's rows to 1e−4 Å, then the pbc flags) for a periodic structure;
 * deflated and written as base64url. About 14 characters per atom, so that links carry structures of up to about 500 atoms; beyond
 * LINK_STRUCTURE_LIMIT a structure is shown but left out of links.
 */
import type { Cell } from '../../chem/structure.ts';
import type { PastedStructure } from './paste.ts';

/** Characters of an encoded structure a link may hold (links are read up to 8192 characters in all). */
export const LINK_STRUCTURE_LIMIT = 7000;

/** Decimal places of positions and cells in links (1e−4 Å). */
const DIGITS = 4;

/** The first word of the line that holds a periodic structure's cell (no element is written so). */
const CELL = 'cell';

async function through(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream) {
  return new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The structure with its positions at the precision a link keeps (what a link will reproduce). */
export function atLinkPrecision(structure: PastedStructure): PastedStructure {
  const round = (x: number) => Number(x.toFixed(DIGITS)) + 0;
  const { species, positions, cell, pbc } = structure;
  return {
    species,
    positions: positions.map(round),
    ...(cell && pbc && { cell: cell.map(round) as readonly number[] as Cell, pbc }),
  };
}

export async function encodeStructure(structure: PastedStructure): Promise<string> {
  const { species, positions, cell, pbc } = atLinkPrecision(structure);
  const lines = [
    ...(cell && pbc ? [`${CELL} ${cell.join(' ')} ${pbc.map((p) => (p ? 'T' : 'F')).join('')}`] : []),
    ...species.map((s, i) => `${s} ${positions.slice(3 * i, 3 * i + 3).join(' ')}`),
  ];
  return toBase64Url(
    await through(new TextEncoder().encode(lines.join('\n')), new CompressionStream('deflate-raw')),
  );
}

/** The structure of a link; a RangeError says why when the text is not one. */
export async function decodeStructure(text: string): Promise<PastedStructure> {
  let lines: string[];
  try {
    lines = new TextDecoder('utf-8', { fatal: true })
      .decode(await through(fromBase64Url(text), new DecompressionStream('deflate-raw')))
      .split('\n');
  } catch {
    throw new RangeError('the structure in this link is damaged (it could not be unpacked)');
  }
  const periodic = lines[0]?.startsWith(`${CELL} `) ? cellLine(lines.shift()!) : undefined;
  const species: string[] = [];
  const positions: number[] = [];
  lines.forEach((line, i) => {
    const [symbol, ...xyz] = line.split(' ');
    const numbers = xyz.map(Number);
    if (!symbol || numbers.length !== 3 || !numbers.every(Number.isFinite))
      throw new RangeError(`the structure in this link is damaged (atom ${i})`);
    species.push(symbol);
    positions.push(...numbers);
  });
  return { species, positions, ...periodic };
}

function cellLine(line: string): Required<Pick<PastedStructure, 'cell' | 'pbc'>> {
  const words = line.split(' ').slice(1);
  const cell = words.slice(0, 9).map(Number);
  const flags = words[9] ?? '';
  if (words.length !== 10 || !cell.every(Number.isFinite) || !/^[TF]{3}$/.test(flags))
    throw new RangeError('the structure in this link is damaged (its cell)');
  return {
    cell: cell as readonly number[] as Cell,
    pbc: [flags[0] === 'T', flags[1] === 'T', flags[2] === 'T'],
  };
}

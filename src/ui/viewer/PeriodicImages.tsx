/**
 * The periodic images of a structure around its cell in the 3D view: every atom translated by each lattice shift
 * (|n| ≤ repeats along the periodic directions), dimmed and translucent so the central cell stands out. One
 * instanced mesh of coarse spheres keeps it cheap (a 325-atom slab with its 8 in-plane neighbours: 2600 spheres).
 * Draws nothing for a structure without a cell or periodic direction.
 */
import { useThree } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import { Color, Matrix4, type InstancedMesh } from 'three';
import type { Structure } from '../../chem/structure.ts';
import { atomStyle } from './atom-style.ts';
import { imageShifts } from './cell-geometry.ts';

/** The viewer's background: images fade towards it. */
const BACKGROUND = new Color('#10151c');
const DIM = 0.6;
const NO_PBC = [false, false, false] as const;

export function PeriodicImages({
  structure,
  repeats = 1,
  opacity = 0.55,
}: {
  structure: Structure;
  repeats?: number;
  opacity?: number;
}) {
  const shifts = useMemo(
    () => (structure.cell ? imageShifts(structure.cell, structure.pbc ?? NO_PBC, repeats) : []),
    [structure, repeats],
  );
  const count = shifts.length * structure.species.length;
  const mesh = useRef<InstancedMesh>(null);
  const invalidate = useThree((state) => state.invalidate);
  useLayoutEffect(() => {
    const m = mesh.current;
    if (!m) return;
    const matrix = new Matrix4();
    const color = new Color();
    const p = structure.positions;
    const styles = structure.species.map(atomStyle);
    shifts.forEach(([dx, dy, dz], s) => {
      styles.forEach(({ radius, color: hex }, i) => {
        const k = s * styles.length + i;
        matrix
          .makeScale(radius, radius, radius)
          .setPosition(p[3 * i] + dx, p[3 * i + 1] + dy, p[3 * i + 2] + dz);
        m.setMatrixAt(k, matrix);
        m.setColorAt(k, color.setHex(hex).lerp(BACKGROUND, DIM));
      });
    });
    m.instanceMatrix.needsUpdate = true;
    if (m.instanceColor) m.instanceColor.needsUpdate = true;
    // Three computes the bounds it culls by once: instances placed since would leave them stale.
    m.computeBoundingSphere();
    invalidate();
  }, [shifts, structure, invalidate]);
  if (count === 0) return null;
  return (
    <instancedMesh ref={mesh} args={[undefined, undefined, count]} key={count}>
      <sphereGeometry args={[1, 12, 8]} />
      <meshStandardMaterial roughness={0.6} transparent opacity={opacity} />
    </instancedMesh>
  );
}

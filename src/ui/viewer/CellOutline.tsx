/** The outline of a periodic cell in the 3D view: its 12 edges as thin lines in a quiet colour, corner at the origin. */
import { Line } from '@react-three/drei';
import { useMemo } from 'react';
import type { Cell } from '../../chem/structure.ts';
import { cellEdges } from './cell-geometry.ts';

export function CellOutline({ cell, color = '#6c7a89' }: { cell: Cell; color?: string }) {
  const points = useMemo(() => cellEdges(cell).flat() as [number, number, number][], [cell]);
  // `segments` draws the points pairwise, one edge per pair, not as one polyline.
  return <Line points={points} segments color={color} lineWidth={1.2} transparent opacity={0.7} />;
}

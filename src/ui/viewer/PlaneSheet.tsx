/** A translucent horizontal sheet at height z over an x/y extent (Å), seen from both sides: a metal's image plane. */
import { DoubleSide } from 'three';

export interface Extent {
  readonly x0: number;
  readonly x1: number;
  readonly y0: number;
  readonly y1: number;
}

export function PlaneSheet({
  z,
  extent,
  color = '#4dabf7',
  opacity = 0.25,
}: {
  z: number;
  extent: Extent;
  color?: string;
  opacity?: number;
}) {
  const { x0, x1, y0, y1 } = extent;
  // Three's plane lies in x/y already; no depth write, so atoms behind the sheet still show through it.
  return (
    <mesh position={[(x0 + x1) / 2, (y0 + y1) / 2, z]} renderOrder={1}>
      <planeGeometry args={[Math.abs(x1 - x0), Math.abs(y1 - y0)]} />
      <meshBasicMaterial color={color} side={DoubleSide} transparent opacity={opacity} depthWrite={false} />
    </mesh>
  );
}

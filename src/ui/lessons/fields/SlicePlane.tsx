/**
 * The slice through the centre in the 3D view: a square in the plane of the axes (u, v), textured with the field's
 * colours (one texel per computed pixel, row 0 at v = −h, as the session lays them out). Seen from both sides. The
 * frame that first draws new texels writes what they show (`drawn`) on the canvas as data-slice: benchmarks and
 * tests wait on it.
 */
import { useFrame, useThree } from '@react-three/fiber';
import { useLayoutEffect, useMemo, useRef } from 'react';
import {
  DataTexture,
  DoubleSide,
  Matrix4,
  type MeshBasicMaterial,
  NearestFilter,
  RGBAFormat,
  UnsignedByteType,
  Vector3,
} from 'three';
import type { Vec3 } from '../../../lode/field-grids.ts';
import type { Opaque } from './opaque.ts';

export function SlicePlane({
  texels,
  resolution,
  halfWidth,
  axes,
  centre,
  drawn,
}: {
  texels: Opaque<Uint8Array<ArrayBuffer>>;
  resolution: number;
  halfWidth: number;
  axes: readonly [Vec3, Vec3];
  centre: Vec3;
  drawn: string;
}) {
  const invalidate = useThree((state) => state.invalidate);
  const material = useRef<MeshBasicMaterial>(null);
  const undrawn = useRef<string | null>(null);
  // Set on the material here rather than as a prop: the texture's pixels must not become a prop (see opaque.ts).
  useLayoutEffect(() => {
    const texture = new DataTexture(texels.value, resolution, resolution, RGBAFormat, UnsignedByteType);
    texture.magFilter = NearestFilter;
    texture.needsUpdate = true;
    if (material.current) {
      material.current.map = texture;
      material.current.needsUpdate = true;
    }
    undrawn.current = drawn;
    invalidate();
    return () => texture.dispose();
  }, [texels, resolution, drawn, invalidate]);
  // Frame callbacks run just before the frame is rendered.
  useFrame(({ gl }) => {
    if (undrawn.current === null) return;
    gl.domElement.setAttribute('data-slice', undrawn.current);
    undrawn.current = null;
  });
  const matrix = useMemo(() => {
    const [u, v] = axes;
    const [x, y] = [new Vector3(...u), new Vector3(...v)];
    return new Matrix4().makeBasis(x, y, x.clone().cross(y)).setPosition(...centre);
  }, [axes, centre]);
  return (
    <mesh matrix={matrix} matrixAutoUpdate={false} renderOrder={1}>
      <planeGeometry args={[2 * halfWidth, 2 * halfWidth]} />
      <meshBasicMaterial ref={material} side={DoubleSide} transparent opacity={0.92} depthWrite={false} />
    </mesh>
  );
}

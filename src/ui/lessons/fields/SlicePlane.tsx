/**
 * The slice through the centre in the 3D view: a square in the plane of the axes (u, v), textured with the field's
 * colours (one texel per computed pixel, row 0 at v = −h, as the session lays them out). Seen from both sides.
 */
import { useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import {
  DataTexture,
  DoubleSide,
  Matrix4,
  NearestFilter,
  RGBAFormat,
  UnsignedByteType,
  Vector3,
} from 'three';
import type { Vec3 } from '../../../lode/field-grids.ts';

export function SlicePlane({
  texels,
  resolution,
  halfWidth,
  axes,
  centre,
}: {
  texels: Uint8Array<ArrayBuffer>;
  resolution: number;
  halfWidth: number;
  axes: readonly [Vec3, Vec3];
  centre: Vec3;
}) {
  const invalidate = useThree((state) => state.invalidate);
  const texture = useMemo(() => {
    const t = new DataTexture(texels, resolution, resolution, RGBAFormat, UnsignedByteType);
    t.magFilter = NearestFilter;
    t.needsUpdate = true;
    return t;
  }, [texels, resolution]);
  useEffect(() => {
    invalidate();
    return () => texture.dispose();
  }, [texture, invalidate]);
  const matrix = useMemo(() => {
    const [u, v] = axes;
    const [x, y] = [new Vector3(...u), new Vector3(...v)];
    return new Matrix4().makeBasis(x, y, x.clone().cross(y)).setPosition(...centre);
  }, [axes, centre]);
  return (
    <mesh matrix={matrix} matrixAutoUpdate={false} renderOrder={1}>
      <planeGeometry args={[2 * halfWidth, 2 * halfWidth]} />
      <meshBasicMaterial map={texture} side={DoubleSide} transparent opacity={0.92} depthWrite={false} />
    </mesh>
  );
}

/**
 * An arrow in the 3D view (Å): a cylinder shaft and a cone head from `origin` along `vector`, hidden for a zero
 * vector. Hidden, not removed: a remounted material makes WebGL compile its shader program again (about 1 s per
 * change on a software renderer).
 */
import { useMemo } from 'react';
import { Quaternion, Vector3 } from 'three';

type Vec3 = readonly [number, number, number];

export function Arrow({
  origin,
  vector,
  color,
  radius = 0.06,
}: {
  origin: Vec3;
  vector: Vec3;
  color: string;
  /** Shaft radius (Å); the head is 2.5 times as wide. */
  radius?: number;
}) {
  const length = Math.hypot(...vector);
  // Three's cylinder and cone stand along +y: turn +y onto the vector.
  const rotation = useMemo(
    () => new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), new Vector3(...vector).normalize()),
    [vector],
  );
  const visible = length > 1e-9;
  // A short arrow is mostly head; a long one keeps a head of fixed size.
  const head = visible ? Math.min(0.35 * length, 6 * radius) : radius;
  const shaft = visible ? length - head : radius;
  return (
    <group position={[...origin]} quaternion={rotation} visible={visible}>
      <mesh position={[0, shaft / 2, 0]}>
        <cylinderGeometry args={[radius, radius, shaft, 16]} />
        <meshStandardMaterial color={color} roughness={0.5} />
      </mesh>
      <mesh position={[0, shaft + head / 2, 0]}>
        <coneGeometry args={[2.5 * radius, head, 20]} />
        <meshStandardMaterial color={color} roughness={0.5} />
      </mesh>
    </group>
  );
}

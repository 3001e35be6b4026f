/**
 * Turning a direction in the 3D view with the pointer or the arrow keys, trackball style: a drag turns it about the
 * screen axis perpendicular to the drag, by an angle proportional to the drag's length, so that the end of the
 * direction facing the viewer follows the pointer.
 */
import { Vector3, type Camera } from 'three';

export type Vec3 = readonly [number, number, number];

/** The camera's right and up directions in world coordinates (unit, perpendicular). */
export interface ScreenAxes {
  readonly right: Vec3;
  readonly up: Vec3;
}

export function screenAxes(camera: Camera): ScreenAxes {
  const [right, up] = [new Vector3(), new Vector3()];
  camera.matrixWorld.extractBasis(right, up, new Vector3());
  return { right: right.toArray(), up: up.toArray() };
}

/**
 * `direction` (any non-zero length) turned by a drag of (dx, dy) screen pixels, y growing downwards; a unit vector.
 * A drag to the right turns it about `up`, a drag down about `right`.
 */
export function dragDirection(
  direction: Vec3,
  dx: number,
  dy: number,
  screen: ScreenAxes,
  radiansPerPixel: number,
): Vec3 {
  const turned = new Vector3(...direction).normalize();
  const pixels = Math.hypot(dx, dy);
  if (pixels === 0) return turned.toArray();
  const axis = new Vector3(...screen.up)
    .multiplyScalar(dx)
    .addScaledVector(new Vector3(...screen.right), dy)
    .normalize();
  return turned
    .applyAxisAngle(axis, pixels * radiansPerPixel)
    .normalize()
    .toArray();
}

/** Screen steps of the arrow keys (y down, as pointer coordinates). */
const KEY_STEPS = new Map<string, readonly [number, number]>([
  ['ArrowLeft', [-1, 0]],
  ['ArrowRight', [1, 0]],
  ['ArrowUp', [0, -1]],
  ['ArrowDown', [0, 1]],
]);

/** `direction` tilted by `degrees` the way an arrow key points on screen (as a drag that way); null for other keys. */
export function keyTilt(direction: Vec3, key: string, screen: ScreenAxes, degrees: number): Vec3 | null {
  const step = KEY_STEPS.get(key);
  return step ? dragDirection(direction, step[0], step[1], screen, (degrees * Math.PI) / 180) : null;
}

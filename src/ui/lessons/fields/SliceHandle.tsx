/**
 * The slice's normal in the 3D view: an arrow from the centre with a round handle at its tip. Dragging the handle
 * turns the normal trackball style (a drag across the whole view's height turns it by 180°); with the handle focused,
 * the arrow keys tilt it by 5° (1° with Shift), the way they point on screen. The handle is a button laid over the
 * canvas in `overlay`, outside the canvas's image role, so that it can be reached and named like any control.
 */
import { Html } from '@react-three/drei';
import { useThree } from '@react-three/fiber';
import { useLayoutEffect, useRef, type KeyboardEvent, type PointerEvent, type RefObject } from 'react';
import { Arrow } from '../../viewer/Arrow.tsx';
import { dragDirection, keyTilt, screenAxes, type Vec3 } from '../../viewer/trackball.ts';

const KEY_DEGREES = 5;
const FINE_KEY_DEGREES = 1;

export function SliceHandle({
  centre,
  normal,
  length,
  overlay,
  onTurn,
}: {
  centre: Vec3;
  /** Unit normal. */
  normal: Vec3;
  /** Arrow length (Å). */
  length: number;
  overlay: RefObject<HTMLElement | null>;
  onTurn: (normal: Vec3) => void;
}) {
  const camera = useThree((state) => state.camera);
  const height = useThree((state) => state.size.height);
  // Handlers may run before the next render (and the overlay renders a frame late): they turn the latest normal.
  const latest = useRef(normal);
  useLayoutEffect(() => void (latest.current = normal), [normal]);
  const drag = useRef<{ pointer: number; x: number; y: number } | null>(null);
  const arrow = normal.map((x) => length * x) as unknown as Vec3;
  const tip = centre.map((x, i) => x + arrow[i]!) as unknown as Vec3;
  const turnTo = (turned: Vec3) => {
    latest.current = turned;
    onTurn(turned);
  };
  const start = (e: PointerEvent<HTMLButtonElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { pointer: e.pointerId, x: e.clientX, y: e.clientY };
  };
  const move = (e: PointerEvent<HTMLButtonElement>) => {
    const last = drag.current;
    if (!last || last.pointer !== e.pointerId) return;
    const [dx, dy] = [e.clientX - last.x, e.clientY - last.y];
    drag.current = { ...last, x: e.clientX, y: e.clientY };
    turnTo(dragDirection(latest.current, dx, dy, screenAxes(camera), Math.PI / height));
  };
  const end = () => (drag.current = null);
  const key = (e: KeyboardEvent<HTMLButtonElement>) => {
    const degrees = e.shiftKey ? FINE_KEY_DEGREES : KEY_DEGREES;
    const tilted = keyTilt(latest.current, e.key, screenAxes(camera), degrees);
    if (!tilted) return;
    e.preventDefault();
    turnTo(tilted);
  };
  return (
    <>
      <Arrow origin={centre} vector={arrow} color="#e8eef5" />
      {/* drei reads the overlay once the canvas has mounted, inside it: it is set by then. */}
      <Html position={[...tip]} center portal={overlay as RefObject<HTMLElement>} zIndexRange={[2, 1]}>
        <button
          type="button"
          className="slice-handle"
          aria-label="Turn the slice: drag this handle, or use the arrow keys (Shift for 1° steps)"
          onPointerDown={start}
          onPointerMove={move}
          onPointerUp={end}
          onPointerCancel={end}
          onKeyDown={key}
        />
      </Html>
    </>
  );
}

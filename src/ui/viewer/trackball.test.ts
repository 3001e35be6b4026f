import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dragDirection, keyTilt, type ScreenAxes, type Vec3 } from './trackball.ts';

const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const unit = (a: Vec3): Vec3 => a.map((x) => x / Math.hypot(...a)) as unknown as Vec3;
const angle = (a: Vec3, b: Vec3) => Math.acos(Math.min(1, Math.max(-1, dot(unit(a), unit(b)))));

/** A camera looking along −z: right = x, up = y, the viewer on the +z side. */
const FRONT: ScreenAxes = { right: [1, 0, 0], up: [0, 1, 0] };
/** A camera looking along +y with z up (the fields lesson's home view): right = x. */
const FROM_MINUS_Y: ScreenAxes = { right: [1, 0, 0], up: [0, 0, 1] };
const K = Math.PI / 400;

const vector = fc
  .tuple(fc.double({ min: -5, max: 5 }), fc.double({ min: -5, max: 5 }), fc.double({ min: -5, max: 5 }))
  .filter((v) => Math.hypot(...v) > 1e-3);
const pixels = fc.double({ min: -500, max: 500, noNaN: true });

describe('trackball turning of a direction', () => {
  it('the end facing the viewer follows the pointer: right by sin(kd), down by sin(kd)', () => {
    const right = dragDirection([0, 0, 2], 100, 0, FRONT, K);
    [Math.sin(100 * K), 0, Math.cos(100 * K)].forEach((x, i) => expect(right[i]).toBeCloseTo(x, 14));
    const down = dragDirection([0, 0, 1], 0, 60, FRONT, K);
    [0, -Math.sin(60 * K), Math.cos(60 * K)].forEach((x, i) => expect(down[i]).toBeCloseTo(x, 14));
    // Home view of the fields lesson: the xz slice's normal −y faces the camera; a drag right moves it to +x.
    const home = dragDirection([0, -1, 0], 100, 0, FROM_MINUS_Y, K);
    [Math.sin(100 * K), -Math.cos(100 * K), 0].forEach((x, i) => expect(home[i]).toBeCloseTo(x, 14));
  });

  it('keeps unit length, turns by at most k times the drag length, and by exactly that across the axis', () => {
    fc.assert(
      fc.property(vector, pixels, pixels, (v, dx, dy) => {
        const turned = dragDirection(v, dx, dy, FRONT, K);
        expect(Math.hypot(...turned)).toBeCloseTo(1, 12);
        expect(angle(v, turned)).toBeLessThanOrEqual(K * Math.hypot(dx, dy) + 1e-7);
      }),
      { numRuns: 2000 },
    );
    // The facing direction is perpendicular to every screen axis: it turns by the whole angle, whatever the drag.
    fc.assert(
      fc.property(pixels, pixels, (dx, dy) => {
        const d = Math.hypot(dx, dy) * K;
        fc.pre(d < Math.PI);
        expect(angle([0, 0, 1], dragDirection([0, 0, 1], dx, dy, FRONT, K))).toBeCloseTo(d, 7);
      }),
    );
  });

  it('small drags give small turns, no drag none, and a drag back undoes a drag', () => {
    expect(angle([1, 2, 3], dragDirection([1, 2, 3], 0.5, -0.25, FRONT, K))).toBeLessThan(0.56 * K);
    unit([1, 2, 3]).forEach((x, i) => expect(dragDirection([1, 2, 3], 0, 0, FRONT, K)[i]).toBeCloseTo(x, 15));
    fc.assert(
      fc.property(vector, pixels, pixels, (v, dx, dy) => {
        const back = dragDirection(dragDirection(v, dx, dy, FRONT, K), -dx, -dy, FRONT, K);
        unit(v).forEach((x, i) => expect(back[i]).toBeCloseTo(x, 10));
      }),
    );
  });

  it('leaves the axis it turns about alone: a horizontal drag keeps the up direction', () => {
    const up = dragDirection([0, 3, 0], 250, 0, FRONT, K);
    [0, 1, 0].forEach((x, i) => expect(up[i]).toBeCloseTo(x, 14));
  });

  it('tilts by the given degrees the way an arrow key points, and ignores other keys', () => {
    const n: Vec3 = [0, 0, 1];
    const step = (5 * Math.PI) / 180;
    expect(keyTilt(n, 'ArrowRight', FRONT, 5)![0]).toBeCloseTo(Math.sin(step), 14);
    expect(keyTilt(n, 'ArrowLeft', FRONT, 5)![0]).toBeCloseTo(-Math.sin(step), 14);
    expect(keyTilt(n, 'ArrowUp', FRONT, 5)![1]).toBeCloseTo(Math.sin(step), 14);
    expect(keyTilt(n, 'ArrowDown', FRONT, 1)![1]).toBeCloseTo(-Math.sin(Math.PI / 180), 14);
    expect(keyTilt(n, 'Enter', FRONT, 5)).toBeNull();
    expect(keyTilt(n, 'constructor', FRONT, 5)).toBeNull();
  });
});

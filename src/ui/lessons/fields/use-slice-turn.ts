/**
 * The slice normal the user turns in 3D, sent to the worker at most one request at a time: a turn made while a slice
 * is computed waits, and only the latest waiting turn is sent once that slice has arrived. Any other change of the
 * view drops a waiting turn. Sent normals are rounded as links round them, so the link reproduces the slice drawn.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { formatParam, parseParam } from '../../../experiments/params.ts';
import { params } from '../../../experiments/fields/spec.ts';
import type { CartesianPlane } from '../../../lode/field-grids.ts';
import type { Vec3 } from '../../viewer/trackball.ts';
import { useView, viewStore } from '../../use-view.ts';

function send(normal: Vec3): void {
  const parsed = parseParam(params.normal, formatParam(params.normal, normal));
  if (parsed.ok) viewStore.getState().update({ plane: 'normal', normal: parsed.value });
}

const viewNow = () => viewStore.getState().view.params;

/**
 * `idle`: no slice is being computed; `requested`: the view's plane. Returns the plane to draw (a waiting turn's
 * normal, else `requested`) and `turn`, which stays the same function: handlers rendered a frame late still call it.
 */
export function useSliceTurn(
  idle: boolean,
  requested: CartesianPlane | Vec3,
): { plane: CartesianPlane | Vec3; turn: (normal: Vec3) => void } {
  const view = useView((s) => s.view.params);
  const [waiting, setWaiting] = useState<{ normal: Vec3; view: typeof view } | null>(null);
  const current = waiting?.view === view ? waiting.normal : null;
  // Whether a turn can be sent now: false from the moment one is sent until a render says the slice has arrived.
  const free = useRef(idle);
  // Before the frame is painted: the slice drawn never turns back to the last request in between.
  useLayoutEffect(() => {
    free.current = idle;
    if (idle && current) {
      free.current = false;
      send(current);
    }
  }, [idle, current]);
  const turn = useCallback((normal: Vec3) => {
    if (!free.current) return setWaiting({ normal, view: viewNow() });
    free.current = false;
    send(normal);
  }, []);
  return { plane: current ?? requested, turn };
}

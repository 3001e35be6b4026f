/** Rows of whole binding curves: the curves of a class are stored point after point, `points` rows per curve. */

/** Row indices (ascending when `curves` is) of the given curves' points. */
export function rowsOfCurves(curves: ArrayLike<number>, points: number): Int32Array {
  const rows = new Int32Array(curves.length * points);
  for (let c = 0; c < curves.length; c++) {
    for (let k = 0; k < points; k++) rows[c * points + k] = curves[c] * points + k;
  }
  return rows;
}

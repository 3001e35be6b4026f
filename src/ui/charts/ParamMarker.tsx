/**
 * A thin vertical line at the current value of a lesson parameter (the chosen height, separation, …), drawn inside
 * a recharts chart. It reads the value from the view store itself, so that moving a slider re-renders this line
 * only: a chart that took the value as a prop would redraw every series on each step of a drag (100–400 ms each in
 * a software-rendered page).
 */
import { usePlotArea, useXAxisScale } from 'recharts';
import { useView } from '../use-view.ts';

export function ParamMarker({ param }: { param: string }) {
  const value = useView((s) => s.view.params[param]);
  const scale = useXAxisScale();
  const area = usePlotArea();
  if (typeof value !== 'number' || !scale || !area) return null;
  const x = scale(value);
  if (x === undefined || x < area.x || x > area.x + area.width) return null;
  return (
    <line
      className="param-marker"
      data-value={value}
      x1={x}
      x2={x}
      y1={area.y}
      y2={area.y + area.height}
      stroke="#adb5bd"
      strokeDasharray="2 3"
      strokeWidth={1}
    />
  );
}

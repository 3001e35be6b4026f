/** Axis colour and axis titles inside the plot margin, shared by every lesson's recharts charts. */
const AXIS = '#c3c8cf';

export const xAxisStyle = (title: string) => ({
  stroke: AXIS,
  label: { value: title, position: 'insideBottom' as const, offset: -12, fill: AXIS },
});

export const yAxisStyle = (title: string) => ({
  stroke: AXIS,
  width: 64,
  label: {
    value: title,
    angle: -90,
    position: 'insideLeft' as const,
    fill: AXIS,
    style: { textAnchor: 'middle' as const },
  },
});

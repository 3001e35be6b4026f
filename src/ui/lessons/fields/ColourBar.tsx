/** The colour bar under the slice: the diverging scale from −limit to +limit, with the field's symbol and unit. */
import { COLOUR_BAR_GRADIENT } from './colour-map.ts';

/** ρ is a sum of unnormalised Gaussians (1 at an isolated atom's centre); V is in Å⁻¹ per unit charge. */
const UNITS = {
  density: { symbol: 'ρ', unit: 'dimensionless: 1 at an atom’s centre' },
  potential: { symbol: 'V', unit: 'Å⁻¹ per unit charge; × 14.40 gives volts for charges in e' },
} as const;

const number = (x: number) => (x === 0 ? '0' : x.toPrecision(3));

/** The scale itself: the gradient from −limit to +limit with its three ticks. */
function ColourBarStrip({ limit }: { limit: number }) {
  return (
    <>
      <div className="colour-bar-strip" style={{ background: COLOUR_BAR_GRADIENT }} />
      <div className="colour-bar-ticks">
        <span>{number(-limit)}</span>
        <span>0</span>
        <span>{number(limit)}</span>
      </div>
    </>
  );
}

export function ColourBar({
  field,
  show,
  limit,
}: {
  field: keyof typeof UNITS;
  show: string;
  limit: number;
}) {
  const { symbol, unit } = UNITS[field];
  const name = show === 'difference' ? `${symbol} expansion − exact` : `${symbol} ${show}`;
  return (
    <figure className="colour-bar" aria-label={`Colour scale of ${name}`} data-testid="colour-bar">
      <ColourBarStrip limit={limit} />
      <figcaption>
        {name} ({unit}); transparent: outside the cutoff sphere, where the expansion says nothing
      </figcaption>
    </figure>
  );
}

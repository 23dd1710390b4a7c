import type { Pricing } from '../contract';
import { formatPrice } from '../format';

export function Price({ pricing }: { pricing: Pricing }) {
  return (
    <p className="price">
      <data value={String(pricing.price)}>{formatPrice(pricing)}</data>
    </p>
  );
}

import type { Pricing } from '../core-api/sdui';
import { formatPrice } from '../format/price';

export function Price({ pricing }: { pricing: Pricing }) {
  return (
    <p className="price">
      <data value={String(pricing.price)}>{formatPrice(pricing)}</data>
    </p>
  );
}

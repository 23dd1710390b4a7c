import type { Pricing } from '../core-api/sdui';

const amount = new Intl.NumberFormat('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `89,00 € / Monat`; one-off prices have no frequency: `12,00 €`. */
export function formatPrice(pricing: Pricing): string {
  const value = `${amount.format(pricing.price)} ${pricing.currency}`.trim();
  return pricing.frequency ? `${value} / ${pricing.frequency}` : value;
}

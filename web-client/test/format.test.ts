import { describe, expect, it } from 'vitest';
import { formatPrice } from '../src/format/price';
import { formatScore, starFill } from '../src/format/rating';
import { widget } from './fixtures';

describe('formatPrice', () => {
  it('formats the contract card price the German way', () => {
    expect(formatPrice(widget('valid/widget-card.json').data.pricing!)).toBe('89,00 € / Monat');
  });

  it('uses German separators for large and fractional amounts', () => {
    expect(formatPrice({ price: 1234.5, currency: '€', frequency: 'Jahr' })).toBe('1.234,50 € / Jahr');
    expect(formatPrice({ price: 0, currency: '€', frequency: 'Monat' })).toBe('0,00 € / Monat');
  });

  it('leaves out the frequency for one-off prices', () => {
    expect(formatPrice({ price: 12, currency: '€' })).toBe('12,00 €');
  });
});

describe('ratings', () => {
  it('formats the score with a German decimal comma', () => {
    expect(formatScore(4.8)).toBe('4,8');
    expect(formatScore(5)).toBe('5,0');
  });

  it('rounds to half stars', () => {
    expect(starFill(4.8)).toEqual(['full', 'full', 'full', 'full', 'full']);
    expect(starFill(4.3)).toEqual(['full', 'full', 'full', 'full', 'half']);
    expect(starFill(4.2)).toEqual(['full', 'full', 'full', 'full', 'empty']);
    expect(starFill(0)).toEqual(['empty', 'empty', 'empty', 'empty', 'empty']);
  });

  it('clamps scores outside 0–5 (the invalid vector rating-above-five)', () => {
    expect(formatScore(7)).toBe('5,0');
    expect(starFill(-1)).toEqual(['empty', 'empty', 'empty', 'empty', 'empty']);
  });
});

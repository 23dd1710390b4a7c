// Contract types are generated from the JSON Schemas (see scripts/generate-types.mjs);
// this module adds what a client needs on top: the section order and runtime guards for
// documents that may be newer (or worse) than the schema this client was built against.
import type { Action, HomeResponse, Pricing, ProductTile, Rating, ServiceSection, Widget, WidgetData } from './generated/contract';

export type { Action, HomeResponse, Pricing, ProductTile, Rating, ServiceSection, Widget, WidgetData };

export type ComponentType = Widget['component_type'];

/** The sections of the home page, in the order they are shown. */
export const SECTION_ORDER = ['car_insurance', 'health_insurance', 'house_insurance', 'banking'] as const;

/** Names for sections when the home response is not at hand (e.g. in "My contracts"). */
export const DEFAULT_SECTION_TITLES: Record<string, string> = {
  car_insurance: 'Car insurance',
  health_insurance: 'Health insurance',
  house_insurance: 'House insurance',
  banking: 'Banking',
};

/** The widget the core puts into a section whose product service is unavailable. */
export const FALLBACK_WIDGET_ID = 'fallback_error_card';

/** URL key of a section's product service: car_insurance → car-insurance, banking → banking. */
export function serviceUrlKey(section: string): string {
  return section.replace(/_/g, '-');
}

/** Section keys in display order: the known four first, then any the core adds later. */
export function orderedSectionKeys(services: HomeResponse['services']): string[] {
  const known: string[] = SECTION_ORDER.filter((key) => services[key] !== undefined);
  const extra = Object.keys(services).filter((key) => !(SECTION_ORDER as readonly string[]).includes(key));
  return [...known, ...extra];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const RENDERABLE = new Set<string>(['Card', 'InfoBox', 'ProductGrid', 'SectionHeader']);

/**
 * Whether this client can render a widget. Unknown component types (the contract may grow before
 * clients do) and documents missing what their type needs are skipped instead of crashing the page.
 */
export function isRenderable(value: unknown): value is Widget {
  if (!isObject(value)) return false;
  if (typeof value.widget_id !== 'string' || value.widget_id.length === 0) return false;
  if (typeof value.component_type !== 'string' || !RENDERABLE.has(value.component_type)) return false;
  const data = value.data;
  if (!isObject(data)) return false;
  if (value.component_type === 'ProductGrid') {
    return Array.isArray(data.items) && data.items.some((item) => isObject(item) && typeof item.title === 'string');
  }
  return typeof data.title === 'string';
}

/** Renderable widgets by priority (lower first); ties keep the server's order. */
export function renderableByPriority(widgets: readonly unknown[]): Widget[] {
  return widgets
    .map((widget, index) => ({ widget, index }))
    .filter((entry): entry is { widget: Widget; index: number } => isRenderable(entry.widget))
    .sort((a, b) => (a.widget.priority ?? 0) - (b.widget.priority ?? 0) || a.index - b.index)
    .map((entry) => entry.widget);
}

export function isHomeResponse(value: unknown): value is HomeResponse {
  return isObject(value) && isObject(value.services);
}

export function isPricing(value: unknown): value is Pricing {
  return isObject(value) && typeof value.price === 'number' && Number.isFinite(value.price);
}

export function isRating(value: unknown): value is Rating {
  return isObject(value) && typeof value.score === 'number' && Number.isFinite(value.score);
}

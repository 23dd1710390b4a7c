// The server-driven UI contract as this client reads it. The types are generated from the JSON
// Schemas (scripts/generate-types.mjs); this module adds runtime guards for documents that may be
// newer (or worse) than the schema this client was built against, and the order of the sections.
import type {
  Action,
  HomeResponse,
  Pricing,
  ProductTile,
  Rating,
  ServiceSection,
  UserContract,
  UserContracts,
  Widget,
  WidgetData,
} from '../generated/sdui';

export type { Action, HomeResponse, Pricing, ProductTile, Rating, ServiceSection, UserContracts, Widget, WidgetData };

/** One contract of `GET /user/{id}/contracts` (the schema's entry is nullable: "none"). */
export type ActiveContract = NonNullable<UserContract>;

export type ComponentType = Widget['component_type'];

/** The widget the core puts into a section whose product service is unavailable. */
export const FALLBACK_WIDGET_ID = 'fallback_error_card';

/** URL key of a section's product service: car_insurance → car-insurance, banking → banking. */
export function serviceUrlKey(section: string): string {
  return section.replace(/_/g, '-');
}

/**
 * A readable name for a section when no home response is at hand to give its title
 * (car_insurance → "Car insurance"). Never a list of known products: a new one reads just as well.
 */
export function readableSectionName(section: string): string {
  const words = section.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * Section names in the order the server asks for. `section_order` decides; names without a section
 * and repeated names are skipped, and sections it does not list follow in the object's key order,
 * so nothing the server sends is lost. Without `section_order` (an older core) the object's key
 * order is all there is.
 */
export function orderedSectionKeys(home: Pick<HomeResponse, 'services'> & { section_order?: unknown }): string[] {
  const keys = Object.keys(home.services);
  const listed = Array.isArray(home.section_order) ? home.section_order.filter((name): name is string => typeof name === 'string') : [];
  const ordered = [...new Set(listed)].filter((name) => Object.hasOwn(home.services, name));
  return [...ordered, ...keys.filter((key) => !ordered.includes(key))];
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

/** The user-contracts answer with anything malformed left out (a contract without widget_id is no contract). */
export function readUserContracts(value: unknown): UserContracts {
  const body = isObject(value) ? value : {};
  const contracts: UserContracts['contracts'] = {};
  if (isObject(body.contracts)) {
    for (const [section, contract] of Object.entries(body.contracts)) {
      contracts[section] = isObject(contract) && typeof contract.widget_id === 'string' ? (contract as ActiveContract) : null;
    }
  }
  const unavailable = Array.isArray(body.unavailable_services) ? body.unavailable_services.filter((s): s is string => typeof s === 'string') : [];
  return { has_contract: body.has_contract === true, contracts, unavailable_services: unavailable };
}

export function isPricing(value: unknown): value is Pricing {
  return isObject(value) && typeof value.price === 'number' && Number.isFinite(value.price);
}

export function isRating(value: unknown): value is Rating {
  return isObject(value) && typeof value.score === 'number' && Number.isFinite(value.score);
}

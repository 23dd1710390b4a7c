// A widget is data from a product service. The core drops widgets that break the contract, and this
// client checks again before it acts on one: a purchase goes only to the core's contract routes with
// POST (the user's token goes along), links and images are http(s) or relative. The patterns are the
// contract's own (generated from widget.schema.json), so both sides enforce the same rules.
import { CONTRACT_ROUTE, WEB_URL } from '../generated/sdui';
import type { Action } from './sdui';

export { CONTRACT_ROUTE, WEB_URL };

/** A purchase this client may send: POST to `/widget/{service-key}/contract` on the core. */
export function isPurchasable(action: Action): boolean {
  return action.type === 'purchase' && action.method === 'POST' && typeof action.path === 'string' && CONTRACT_ROUTE.test(action.path);
}

/** An http(s) URL or a relative reference: nothing that runs script (`javascript:`) or embeds content (`data:`). */
export function isWebUrl(value: unknown): value is string {
  return typeof value === 'string' && WEB_URL.test(value);
}

export function isAbsoluteHttpUrl(value: string): boolean {
  return /^https?:\/\//.test(value);
}

/**
 * Where to load a widget's image from. Absolute http(s) URLs (a CDN) are used as they are; relative
 * ones (`/images/car-insurance/devk.svg`) are resolved against the configured image origin, or left
 * to the browser (this page's origin) when there is none. Anything else is no image.
 */
export function imageSource(url: unknown, imageBaseUrl: string): string | undefined {
  if (!isWebUrl(url)) return undefined;
  if (isAbsoluteHttpUrl(url) || !imageBaseUrl) return url;
  try {
    return new URL(url, `${imageBaseUrl}/`).href;
  } catch {
    return url; // not a usable base: let the browser resolve against this page
  }
}

/**
 * Reports what this client refused to use from a widget, once per mount (the caller's effect). On a
 * healthy platform this never happens, because the core drops such widgets; the browser scenario
 * fails when it does.
 */
export function reportRefused(widgetId: string, what: string, value: unknown): void {
  refusedCount += 1;
  console.warn(`widget ${widgetId}: refused ${what} ${JSON.stringify(value)}`);
}

let refusedCount = 0;

/** How many refusals were reported since the page loaded. */
export function refusals(): number {
  return refusedCount;
}

export interface AppConfig {
  /** Base URL of the core service; empty means the web client's own origin (NGINX or dev-server proxy). */
  coreUrl: string;
  /**
   * Origin that serves relative image URLs (`/images/{key}/...`), e.g. the CDN; empty means the web
   * client's own origin (NGINX proxies `/images/` to the CDN). Absolute image URLs ignore it.
   */
  imageBaseUrl: string;
}

const SAME_ORIGIN: AppConfig = { coreUrl: '', imageBaseUrl: '' };

/**
 * A configured base URL without trailing slashes: an http(s) URL or a path on this origin (`/api`).
 * Anything else means "same origin".
 */
export function normaliseBaseUrl(value: unknown): string {
  if (typeof value !== 'string') return '';
  const trimmed = value.trim().replace(/\/+$/, '');
  return /^(https?:\/\/[^\s/?#\\]+|\/(?![/\\]))[^\s?#\\]*$/.test(trimmed) ? trimmed : '';
}

/** An image origin: an http(s) URL without trailing slashes, or "" (this page's origin). */
export function normaliseImageBaseUrl(value: unknown): string {
  const base = normaliseBaseUrl(value);
  return /^https?:\/\//.test(base) ? base : '';
}

/** Loads `/config.json`; a missing or unreadable file means "same origin" for both. */
export async function loadConfig(fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<AppConfig> {
  try {
    const response = await fetchImpl('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return SAME_ORIGIN;
    const body = (await response.json()) as { coreUrl?: unknown; imageBaseUrl?: unknown } | null;
    return { coreUrl: normaliseBaseUrl(body?.coreUrl), imageBaseUrl: normaliseImageBaseUrl(body?.imageBaseUrl) };
  } catch {
    return SAME_ORIGIN;
  }
}

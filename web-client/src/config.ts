export interface AppConfig {
  /** Base URL of the core service; empty means the web client's own origin (NGINX or dev-server proxy). */
  coreUrl: string;
}

export function normaliseCoreUrl(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value.trim().replace(/\/+$/, '');
}

/** Loads `/config.json`; a missing or unreadable file means "same origin". */
export async function loadConfig(fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<AppConfig> {
  try {
    const response = await fetchImpl('/config.json', { cache: 'no-store', headers: { Accept: 'application/json' } });
    if (!response.ok || !(response.headers.get('content-type') ?? '').includes('json')) return { coreUrl: '' };
    const body: unknown = await response.json();
    return { coreUrl: normaliseCoreUrl((body as { coreUrl?: unknown } | null)?.coreUrl) };
  } catch {
    return { coreUrl: '' };
  }
}

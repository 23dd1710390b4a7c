import { isHomeResponse, serviceUrlKey, type Action, type HomeResponse, type WidgetData } from './contract';

export type Identity = { kind: 'anonymous' } | { kind: 'user'; userId: number; token: string };

export const ANONYMOUS: Identity = { kind: 'anonymous' };

export interface UserContract {
  widget_id: string;
  data?: WidgetData;
}

export interface UserContracts {
  has_contract: boolean;
  contracts: Record<string, UserContract | null | undefined>;
}

export type HomeResult =
  | { kind: 'page'; home: HomeResponse; etag: string | undefined; degraded: boolean }
  | { kind: 'not-modified' };

export type ActionOutcome =
  | { kind: 'success' }
  | { kind: 'conflict'; detail: string | undefined }
  | { kind: 'unauthorized' }
  | { kind: 'error'; message: string };

/** A failed call to the core, carrying the status and the ProblemDetail's `detail` if any. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function problemDetail(response: Response): Promise<string | undefined> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    const body = (await response.json()) as { detail?: unknown; title?: unknown };
    if (typeof body.detail === 'string' && body.detail) return body.detail;
    if (typeof body.title === 'string' && body.title) return body.title;
  } catch {
    // not JSON after all
  }
  return undefined;
}

function networkMessage(error: unknown): string {
  return error instanceof Error && error.message ? `The service could not be reached (${error.message}).` : 'The service could not be reached.';
}

/** Everything the web client asks of the core service. */
export class CoreApi {
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly coreUrl: string,
    fetchImpl?: typeof fetch,
  ) {
    // Call through a closure so tests can stub globalThis.fetch after construction.
    this.fetchImpl = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  }

  /** Core-relative paths are joined to the base URL; absolute URLs (link actions) pass through. */
  url(path: string): string {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return path;
    return `${this.coreUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  private headers(token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
    return { Accept: 'application/json, application/problem+json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra };
  }

  private async call(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.fetchImpl(this.url(path), { cache: 'no-store', ...init });
    } catch (error) {
      throw new ApiError(networkMessage(error), 0);
    }
  }

  /**
   * GET /home. With the ETag of the page on screen, an unchanged page costs a 304. A 503 still carries
   * the home shape (fallback sections) and is returned as a degraded page.
   */
  async home(token: string | undefined, etag?: string): Promise<HomeResult> {
    const response = await this.call('/home', { headers: this.headers(token, etag ? { 'If-None-Match': etag } : {}) });
    if (response.status === 304) return { kind: 'not-modified' };
    if (response.ok || response.status === 503) {
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        body = undefined;
      }
      if (isHomeResponse(body)) {
        return { kind: 'page', home: body, etag: response.headers.get('etag') ?? undefined, degraded: response.status === 503 };
      }
      if (response.ok) throw new ApiError('The home page answer could not be read.', response.status);
    }
    const detail = await problemDetail(response);
    throw new ApiError(detail ?? `The home page could not be loaded (HTTP ${response.status}).`, response.status, detail);
  }

  /** Runs a widget's purchase action: `{user_id, widget_id}` with the action's method to its path. */
  async purchase(action: Action, widgetId: string, identity: Identity): Promise<ActionOutcome> {
    if (identity.kind !== 'user') return { kind: 'unauthorized' };
    let response: Response;
    try {
      response = await this.call(action.path, {
        method: action.method,
        headers: this.headers(identity.token, { 'Content-Type': 'application/json' }),
        body: action.method === 'GET' ? undefined : JSON.stringify({ user_id: identity.userId, widget_id: widgetId }),
      });
    } catch (error) {
      return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    if (response.ok) return { kind: 'success' };
    const detail = await problemDetail(response);
    if (response.status === 409) return { kind: 'conflict', detail };
    if (response.status === 401 || response.status === 403) return { kind: 'unauthorized' };
    return { kind: 'error', message: detail ?? `HTTP ${response.status}` };
  }

  /** GET /user/{id}/contracts for the signed-in user. */
  async contracts(identity: Extract<Identity, { kind: 'user' }>): Promise<UserContracts> {
    const response = await this.call(`/user/${identity.userId}/contracts`, { headers: this.headers(identity.token) });
    if (!response.ok) {
      const detail = await problemDetail(response);
      throw new ApiError(detail ?? `Your contracts could not be loaded (HTTP ${response.status}).`, response.status, detail);
    }
    const body = (await response.json()) as Partial<UserContracts>;
    return { has_contract: Boolean(body.has_contract), contracts: body.contracts ?? {} };
  }

  /** DELETE /widget/{service-key}/contract/{user_id}/{widget_id}. */
  async cancel(section: string, widgetId: string, identity: Extract<Identity, { kind: 'user' }>): Promise<void> {
    const path = `/widget/${encodeURIComponent(serviceUrlKey(section))}/contract/${identity.userId}/${encodeURIComponent(widgetId)}`;
    const response = await this.call(path, { method: 'DELETE', headers: this.headers(identity.token) });
    if (!response.ok && response.status !== 404) {
      const detail = await problemDetail(response);
      throw new ApiError(detail ?? `The contract could not be cancelled (HTTP ${response.status}).`, response.status, detail);
    }
  }

  /** Local profile only: a demo token for a user id from GET /dev/token. */
  async devToken(userId: number): Promise<Extract<Identity, { kind: 'user' }>> {
    const response = await this.call(`/dev/token?user_id=${encodeURIComponent(String(userId))}`, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new ApiError(
        response.status === 404
          ? 'Demo sign-in is only available when the core runs with the local profile.'
          : `Sign-in failed (HTTP ${response.status}).`,
        response.status,
      );
    }
    const body = (await response.json()) as { access_token?: unknown; user_id?: unknown };
    if (typeof body.access_token !== 'string' || !body.access_token) throw new ApiError('Sign-in answer had no token.', response.status);
    return { kind: 'user', userId: typeof body.user_id === 'number' ? body.user_id : userId, token: body.access_token };
  }

  /** The SSE URL; browsers' EventSource cannot send headers, so the token travels as a query parameter. */
  streamUrl(token: string | undefined): string {
    const url = this.url('/stream/updates');
    return token ? `${url}?access_token=${encodeURIComponent(token)}` : url;
  }
}

import { isHomeResponse, readUserContracts, serviceUrlKey, type Action, type HomeResponse, type UserContracts } from './sdui';
import { isPurchasable } from './widgetSafety';

export type Identity = { kind: 'anonymous' } | { kind: 'user'; userId: number; token: string };

export type SignedIn = Extract<Identity, { kind: 'user' }>;

export const ANONYMOUS: Identity = { kind: 'anonymous' };

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

/** A path on the core: one leading slash, not `//host` or `/\host` (which browsers read as another host). */
const CORE_PATH = /^\/(?![/\\])/;

function pageUrl(): string {
  return globalThis.location?.href ?? 'http://localhost/';
}

/**
 * Everything the web client asks of the core service. Requests go only to the configured core, and
 * the user's token only with them: nothing a widget names becomes a request with the token.
 */
export class CoreApi {
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly coreUrl: string,
    fetchImpl?: typeof fetch,
  ) {
    // Call through a closure so tests can stub globalThis.fetch after construction.
    this.fetchImpl = fetchImpl ?? ((...args) => globalThis.fetch(...args));
  }

  /** The URL of a core route (`/home`); anything that is not a path on the core is refused. */
  url(path: string): string {
    if (!CORE_PATH.test(path)) throw new Error(`not a path on the core: ${JSON.stringify(path)}`);
    return `${this.coreUrl}${path}`;
  }

  /** Whether a URL points at the configured core (its origin; an empty coreUrl is this page's origin). */
  isCoreUrl(url: string): boolean {
    try {
      return new URL(url, pageUrl()).origin === new URL(this.coreUrl || '/', pageUrl()).origin;
    } catch {
      return false;
    }
  }

  private headers(url: string, token: string | undefined, extra: Record<string, string> = {}): Record<string, string> {
    // Belt and braces: url() already allows only core paths; the token never leaves for another origin.
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...extra };
    if (token && this.isCoreUrl(url)) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  private async call(path: string, init: RequestInit & { token?: string | undefined; extraHeaders?: Record<string, string> }): Promise<Response> {
    const { token, extraHeaders, ...request } = init;
    const url = this.url(path);
    try {
      return await this.fetchImpl(url, { cache: 'no-store', ...request, headers: this.headers(url, token, extraHeaders) });
    } catch (error) {
      throw new ApiError(networkMessage(error), 0);
    }
  }

  /**
   * GET /home. With the ETag of the page on screen, an unchanged page costs a 304. A 503 still carries
   * the home shape (fallback sections) and is returned as a degraded page.
   */
  async home(token: string | undefined, etag?: string): Promise<HomeResult> {
    const response = await this.call('/home', { token, extraHeaders: etag ? { 'If-None-Match': etag } : {} });
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

  /**
   * Runs a widget's purchase action: `{user_id, widget_id}` with POST to the core's contract route it
   * names. Any other action is refused without a request (the buttons never offer one).
   */
  async purchase(action: Action, widgetId: string, identity: Identity): Promise<ActionOutcome> {
    if (identity.kind !== 'user') return { kind: 'unauthorized' };
    if (!isPurchasable(action)) return { kind: 'error', message: 'This offer cannot be bought here' };
    let response: Response;
    try {
      response = await this.call(action.path, {
        method: 'POST',
        token: identity.token,
        extraHeaders: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user_id: identity.userId, widget_id: widgetId }),
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
  async contracts(identity: SignedIn): Promise<UserContracts> {
    const response = await this.call(`/user/${identity.userId}/contracts`, { token: identity.token });
    if (!response.ok) {
      const detail = await problemDetail(response);
      throw new ApiError(detail ?? `Your contracts could not be loaded (HTTP ${response.status}).`, response.status, detail);
    }
    return readUserContracts(await response.json());
  }

  /** DELETE /widget/{service-key}/contract/{user_id}/{widget_id}. */
  async cancel(section: string, widgetId: string, identity: SignedIn): Promise<void> {
    const path = `/widget/${encodeURIComponent(serviceUrlKey(section))}/contract/${identity.userId}/${encodeURIComponent(widgetId)}`;
    const response = await this.call(path, { method: 'DELETE', token: identity.token });
    if (!response.ok && response.status !== 404) {
      const detail = await problemDetail(response);
      throw new ApiError(detail ?? `The contract could not be cancelled (HTTP ${response.status}).`, response.status, detail);
    }
  }

  /** Local profile only: a demo token for a user id from GET /dev/token. */
  async devToken(userId: number): Promise<SignedIn> {
    const response = await this.call(`/dev/token?user_id=${encodeURIComponent(String(userId))}`, { extraHeaders: { Accept: 'application/json' } });
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

  /**
   * The URL to open `GET /stream/updates` with. A browser's EventSource cannot send headers, and a
   * token in a URL ends up in logs, so a signed-in stream asks `POST /stream/ticket` (with the token)
   * for a short-lived, single-use ticket first. Call it for every (re)connect: a ticket works once.
   * Anonymous streams need none.
   */
  async streamUrl(token: string | undefined): Promise<string> {
    const url = this.url('/stream/updates');
    if (!token) return url;
    const response = await this.call('/stream/ticket', { method: 'POST', token });
    if (!response.ok) {
      const detail = await problemDetail(response);
      throw new ApiError(detail ?? `No stream ticket (HTTP ${response.status}).`, response.status, detail);
    }
    const body = (await response.json()) as { ticket?: unknown };
    if (typeof body.ticket !== 'string' || !body.ticket) throw new ApiError('The stream ticket answer had no ticket.', response.status);
    return `${url}?ticket=${encodeURIComponent(body.ticket)}`;
  }
}

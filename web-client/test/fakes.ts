import { vi } from 'vitest';
import { jsonResponse } from './render';

/** A stand-in for the browser's EventSource that the test drives by hand. */
export class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readyState = 0;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this);
  }

  static latest(): FakeEventSource {
    const last = FakeEventSource.instances.at(-1);
    if (!last) throw new Error('no EventSource was opened');
    return last;
  }

  static reset(): void {
    FakeEventSource.instances = [];
  }

  static factory = (url: string) => new FakeEventSource(url) as unknown as EventSource;

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  send(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data: typeof data === 'string' ? data : JSON.stringify(data) }));
  }

  /** closed: the browser gave up (HTTP error status); otherwise it retries by itself. */
  fail(closed: boolean): void {
    this.readyState = closed ? 2 : 0;
    this.onerror?.(new Event('error'));
  }

  close(): void {
    this.readyState = 2;
    this.closed = true;
  }
}

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call) => Response | Promise<Response>;

/** A fetch stub that routes "METHOD path" (path without origin and query) to handlers and records calls. */
export function stubFetch(routes: Record<string, Handler | Handler[]>) {
  const calls: Call[] = [];
  const queues = new Map(Object.entries(routes).map(([k, v]) => [k, Array.isArray(v) ? [...v] : v]));
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const method = (init.method ?? 'GET').toUpperCase();
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, url, headers, body };
    calls.push(call);
    const path = new URL(url, 'http://core.test').pathname;
    const route = queues.get(`${method} ${path}`);
    if (!route) return jsonResponse(404, { title: 'Not Found', detail: `no stub for ${method} ${path}` });
    if (Array.isArray(route)) {
      const next = route.length > 1 ? route.shift()! : route[0];
      if (!next) throw new Error(`no response left for ${method} ${path}`);
      return next(call);
    }
    return route(call);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetchMock, callsTo: (method: string, path: string) => calls.filter((c) => c.method === method && new URL(c.url).pathname === path) };
}

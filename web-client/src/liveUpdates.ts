/** `data:` of the core's SSE messages that concern this subscriber. */
export interface InvalidationEvent {
  type: 'cache_invalidated';
  timestamp?: string;
  reason?: string;
  user_id?: number | null;
  service?: string | null;
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveHandlers {
  /** The core invalidated something this subscriber sees: refetch. */
  onInvalidated(event: InvalidationEvent): void;
  /** The stream (re)connected; events may have been missed meanwhile: refetch. */
  onResync(): void;
  onStatus?(status: LiveStatus): void;
}

export type EventSourceFactory = (url: string) => EventSource;

export interface LiveOptions {
  createEventSource?: EventSourceFactory;
  /** First delay before reopening a stream the browser gave up on; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

const CLOSED = 2;

/**
 * Subscribes to GET /stream/updates. EventSource retries by itself after a dropped connection;
 * when it gives up (the core or its proxy answered with an error status, e.g. 502 during a restart)
 * this reopens the stream with exponential backoff. Every successful (re)connect triggers a resync,
 * because invalidations sent while disconnected are lost.
 */
export class LiveUpdates {
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = true;
  private readonly createEventSource: EventSourceFactory;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly url: string,
    private readonly handlers: LiveHandlers,
    options: LiveOptions = {},
  ) {
    this.createEventSource = options.createEventSource ?? ((u) => new EventSource(u));
    this.minDelayMs = options.minDelayMs ?? 1000;
    this.maxDelayMs = options.maxDelayMs ?? 30000;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
  }

  private status(status: LiveStatus): void {
    this.handlers.onStatus?.(status);
  }

  private open(): void {
    this.status(this.failures === 0 ? 'connecting' : 'reconnecting');
    const source = this.createEventSource(this.url);
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.failures = 0;
      this.status('live');
      this.handlers.onResync();
    };
    source.onmessage = (message: MessageEvent) => {
      if (this.source !== source) return;
      const event = parse(message.data);
      if (event) this.handlers.onInvalidated(event);
    };
    source.onerror = () => {
      if (this.source !== source || this.stopped) return;
      if (source.readyState === CLOSED) {
        source.close();
        this.source = null;
        const delay = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** this.failures);
        this.failures += 1;
        this.status('reconnecting');
        this.timer = setTimeout(() => {
          this.timer = null;
          if (!this.stopped) this.open();
        }, delay);
      } else {
        // The browser is already retrying (connection dropped, e.g. the core restarts).
        this.status('reconnecting');
      }
    };
  }
}

export function parse(data: unknown): InvalidationEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const body = JSON.parse(data) as { type?: unknown };
    return body && body.type === 'cache_invalidated' ? (body as InvalidationEvent) : null;
  } catch {
    return null;
  }
}

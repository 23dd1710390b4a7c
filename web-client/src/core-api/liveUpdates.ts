/** `data:` of the core's SSE messages that concern this subscriber. */
export interface InvalidationEvent {
  type: 'cache_invalidated';
  timestamp?: string;
  /** e.g. contract_created, contract_deleted, personal_home_ready; every reason means "refetch". */
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

/** The URL to open the stream with; asked anew for every (re)connect (a stream ticket works once). */
export type StreamUrlSource = () => Promise<string>;

export interface LiveOptions {
  createEventSource?: EventSourceFactory;
  /** First delay before reconnecting; doubles after each failure up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Subscribes to GET /stream/updates. A browser's EventSource would retry a dropped stream by itself,
 * but with the URL it was opened with, and a signed-in stream's ticket is spent once redeemed. So on
 * any error this closes the stream and reconnects with a fresh URL (a fresh ticket), with exponential
 * backoff while it keeps failing. Every successful (re)connect triggers a resync, because
 * invalidations sent while disconnected are lost.
 */
export class LiveUpdates {
  private source: EventSource | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private stopped = true;
  /** Bumped on every open and stop, so a ticket that arrives late opens nothing. */
  private attempt = 0;
  private readonly createEventSource: EventSourceFactory;
  private readonly minDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly streamUrl: StreamUrlSource,
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
    void this.open();
  }

  stop(): void {
    this.stopped = true;
    this.attempt += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.source?.close();
    this.source = null;
  }

  private status(status: LiveStatus): void {
    this.handlers.onStatus?.(status);
  }

  private async open(): Promise<void> {
    const attempt = ++this.attempt;
    this.status(this.failures === 0 ? 'connecting' : 'reconnecting');
    let url: string;
    try {
      url = await this.streamUrl();
    } catch {
      if (attempt === this.attempt && !this.stopped) this.retryLater();
      return;
    }
    if (attempt !== this.attempt || this.stopped) return;
    const source = this.createEventSource(url);
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
      source.close();
      this.source = null;
      this.retryLater();
    };
  }

  private retryLater(): void {
    const delay = Math.min(this.maxDelayMs, this.minDelayMs * 2 ** this.failures);
    this.failures += 1;
    this.status('reconnecting');
    this.timer = setTimeout(() => {
      this.timer = null;
      if (!this.stopped) void this.open();
    }, delay);
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

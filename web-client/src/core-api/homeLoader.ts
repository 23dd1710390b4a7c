import { ApiError, type CoreApi } from './coreApi';
import type { HomeResponse } from './sdui';

export type HomeState =
  | { status: 'loading' }
  | { status: 'error'; message: string; httpStatus: number }
  | {
      status: 'ready';
      home: HomeResponse;
      /** The core answered 503: every product is down and the page holds fallback cards. */
      degraded: boolean;
      /** A refresh failed; the page on screen is the last one that loaded. */
      refreshError?: string;
    };

/**
 * Loads the home page for one identity and keeps it current. Refreshes are coalesced: while one
 * request is in flight, any number of further refresh() calls cause exactly one more request, so a
 * burst of invalidations (HTTP and Kafka both notify) costs at most two round trips. The ETag of
 * the page on screen goes along, so an unchanged page costs a 304.
 */
export class HomeLoader {
  private etag: string | undefined;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private disposed = false;
  private state: HomeState = { status: 'loading' };

  constructor(
    private readonly api: CoreApi,
    private readonly token: string | undefined,
    private readonly onState: (state: HomeState) => void,
  ) {}

  current(): HomeState {
    return this.state;
  }

  refresh(): Promise<void> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.run().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Starts over without the ETag (the retry button of the error state). */
  reload(): Promise<void> {
    if (this.state.status === 'error') this.set({ status: 'loading' });
    this.etag = undefined;
    return this.refresh();
  }

  dispose(): void {
    this.disposed = true;
  }

  private set(state: HomeState): void {
    if (this.disposed) return;
    this.state = state;
    this.onState(state);
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      try {
        const result = await this.api.home(this.token, this.state.status === 'ready' ? this.etag : undefined);
        if (this.disposed) return;
        if (result.kind === 'page') {
          this.etag = result.etag;
          this.set({ status: 'ready', home: result.home, degraded: result.degraded });
        } else if (this.state.status === 'ready' && this.state.refreshError) {
          this.set({ ...this.state, refreshError: undefined });
        }
      } catch (error) {
        if (this.disposed) return;
        const message = error instanceof Error ? error.message : String(error);
        const httpStatus = error instanceof ApiError ? error.status : 0;
        if (this.state.status === 'ready' && httpStatus !== 401) {
          this.set({ ...this.state, refreshError: message });
        } else {
          this.set({ status: 'error', message, httpStatus });
        }
      }
    } while (this.again && !this.disposed);
  }
}

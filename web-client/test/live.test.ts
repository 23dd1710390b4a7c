import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveUpdates, parse } from '../src/core-api/liveUpdates';
import { FakeEventSource } from './fakes';

/** A stream whose URL carries ticket-1, ticket-2, ... (one per connect), like the core's tickets. */
function subscribe(streamUrl = ticketUrls()) {
  const handlers = { onInvalidated: vi.fn(), onResync: vi.fn(), onStatus: vi.fn() };
  const live = new LiveUpdates(streamUrl, handlers, { createEventSource: FakeEventSource.factory, minDelayMs: 1000, maxDelayMs: 4000 });
  live.start();
  return { live, handlers, streamUrl };
}

function ticketUrls() {
  let n = 0;
  return vi.fn(async () => `http://core.test/stream/updates?ticket=ticket-${++n}`);
}

/** Lets the awaited URL source settle, so the EventSource of the current attempt exists. */
const settle = () => vi.waitFor(() => expect(FakeEventSource.instances.length).toBeGreaterThan(0));

beforeEach(() => FakeEventSource.reset());
afterEach(() => vi.useRealTimers());

describe('LiveUpdates', () => {
  it('hands cache_invalidated messages to the handler, whatever the reason, and ignores anything else', async () => {
    const { handlers } = subscribe();
    await settle();
    const source = FakeEventSource.latest();
    expect(source.url).toBe('http://core.test/stream/updates?ticket=ticket-1');
    source.open();
    const purchase = { type: 'cache_invalidated', timestamp: '2025-01-15T10:30:00Z', reason: 'contract_created', user_id: 123, service: 'car_insurance' };
    const personal = { type: 'cache_invalidated', reason: 'personal_home_ready', user_id: 123 };
    source.send(purchase);
    source.send(personal);
    source.send('not json');
    source.send({ type: 'something_else' });
    expect(handlers.onInvalidated.mock.calls).toEqual([[purchase], [personal]]);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('live');
  });

  it('reconnects with a fresh URL (a fresh ticket) after a dropped stream, and resyncs', async () => {
    vi.useFakeTimers();
    const { handlers, streamUrl } = subscribe();
    await vi.advanceTimersByTimeAsync(0);
    const first = FakeEventSource.latest();
    first.open();
    first.fail(false); // dropped; the browser would retry with the spent ticket
    expect(first.closed).toBe(true);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(streamUrl).toHaveBeenCalledTimes(2);
    const second = FakeEventSource.latest();
    expect(second.url).toBe('http://core.test/stream/updates?ticket=ticket-2');
    second.open();
    expect(handlers.onResync).toHaveBeenCalledTimes(2);
    expect(FakeEventSource.instances.map((s) => s.url)).toEqual([
      'http://core.test/stream/updates?ticket=ticket-1',
      'http://core.test/stream/updates?ticket=ticket-2',
    ]);
  });

  it('backs off exponentially while reconnecting fails, and starts over after a success', async () => {
    vi.useFakeTimers();
    const { handlers } = subscribe();
    await vi.advanceTimersByTimeAsync(0);
    FakeEventSource.latest().fail(true);
    await vi.advanceTimersByTimeAsync(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(2);

    FakeEventSource.latest().fail(true);
    await vi.advanceTimersByTimeAsync(1999);
    expect(FakeEventSource.instances).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(FakeEventSource.instances).toHaveLength(3);

    FakeEventSource.latest().fail(true);
    await vi.advanceTimersByTimeAsync(4000);
    FakeEventSource.latest().fail(true);
    await vi.advanceTimersByTimeAsync(4000); // capped at maxDelayMs
    expect(FakeEventSource.instances).toHaveLength(5);

    FakeEventSource.latest().open();
    expect(handlers.onResync).toHaveBeenCalledOnce();
    FakeEventSource.latest().fail(true);
    await vi.advanceTimersByTimeAsync(1000); // success resets the backoff
    expect(FakeEventSource.instances).toHaveLength(6);
  });

  it('retries with backoff when no ticket can be had, without opening a stream meanwhile', async () => {
    vi.useFakeTimers();
    const streamUrl = vi
      .fn<() => Promise<string>>()
      .mockRejectedValueOnce(new Error('503'))
      .mockResolvedValue('http://core.test/stream/updates?ticket=late');
    const { handlers } = subscribe(streamUrl);
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeEventSource.instances).toHaveLength(0);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('reconnecting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(FakeEventSource.latest().url).toBe('http://core.test/stream/updates?ticket=late');
  });

  it('stops cleanly: closes the stream, cancels a pending reconnect, and a late ticket opens nothing', async () => {
    vi.useFakeTimers();
    const { live, handlers } = subscribe();
    await vi.advanceTimersByTimeAsync(0);
    FakeEventSource.latest().fail(true);
    live.stop();
    await vi.advanceTimersByTimeAsync(60000);
    expect(FakeEventSource.instances).toHaveLength(1);

    live.start();
    await vi.advanceTimersByTimeAsync(0);
    const second = FakeEventSource.latest();
    live.stop();
    expect(second.closed).toBe(true);
    second.send({ type: 'cache_invalidated' });
    expect(handlers.onInvalidated).not.toHaveBeenCalled();

    let release!: (url: string) => void;
    const slow = new LiveUpdates(() => new Promise<string>((resolve) => (release = resolve)), handlers, { createEventSource: FakeEventSource.factory });
    slow.start();
    slow.stop();
    release('http://core.test/stream/updates?ticket=too-late');
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeEventSource.instances).toHaveLength(2);
  });

  it('parses the contract event shape', () => {
    expect(parse('{"type":"cache_invalidated","user_id":null}')).toEqual({ type: 'cache_invalidated', user_id: null });
    expect(parse('{"type":"connected"}')).toBeNull();
    expect(parse(undefined)).toBeNull();
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveUpdates, parse } from '../src/liveUpdates';
import { FakeEventSource } from './fakes';

function subscribe(url = 'http://core.test/stream/updates?access_token=t') {
  const handlers = { onInvalidated: vi.fn(), onResync: vi.fn(), onStatus: vi.fn() };
  const live = new LiveUpdates(url, handlers, { createEventSource: FakeEventSource.factory, minDelayMs: 1000, maxDelayMs: 4000 });
  live.start();
  return { live, handlers };
}

beforeEach(() => FakeEventSource.reset());
afterEach(() => vi.useRealTimers());

describe('LiveUpdates', () => {
  it('hands cache_invalidated messages to the handler and ignores anything else', () => {
    const { handlers } = subscribe();
    const source = FakeEventSource.latest();
    expect(source.url).toBe('http://core.test/stream/updates?access_token=t');
    source.open();
    const event = { type: 'cache_invalidated', timestamp: '2025-01-15T10:30:00Z', reason: 'contract_created', user_id: 123, service: 'car_insurance' };
    source.send(event);
    source.send('not json');
    source.send({ type: 'something_else' });
    expect(handlers.onInvalidated).toHaveBeenCalledTimes(1);
    expect(handlers.onInvalidated).toHaveBeenCalledWith(event);
    expect(handlers.onStatus).toHaveBeenLastCalledWith('live');
  });

  it('resyncs on every (re)connect, since events sent meanwhile are lost', () => {
    const { handlers } = subscribe();
    const source = FakeEventSource.latest();
    source.open();
    source.fail(false); // dropped: the browser retries by itself
    expect(handlers.onStatus).toHaveBeenLastCalledWith('reconnecting');
    expect(FakeEventSource.instances).toHaveLength(1);
    source.open();
    expect(handlers.onResync).toHaveBeenCalledTimes(2);
  });

  it('reopens a stream the browser gave up on, with exponential backoff', () => {
    vi.useFakeTimers();
    const { handlers } = subscribe();
    FakeEventSource.latest().fail(true);
    expect(FakeEventSource.latest().closed).toBe(true);
    vi.advanceTimersByTime(999);
    expect(FakeEventSource.instances).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(2);

    FakeEventSource.latest().fail(true);
    vi.advanceTimersByTime(1999);
    expect(FakeEventSource.instances).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeEventSource.instances).toHaveLength(3);

    FakeEventSource.latest().fail(true);
    vi.advanceTimersByTime(4000);
    FakeEventSource.latest().fail(true);
    vi.advanceTimersByTime(4000); // capped at maxDelayMs
    expect(FakeEventSource.instances).toHaveLength(5);

    FakeEventSource.latest().open();
    expect(handlers.onResync).toHaveBeenCalledOnce();
    FakeEventSource.latest().fail(true);
    vi.advanceTimersByTime(1000); // success resets the backoff
    expect(FakeEventSource.instances).toHaveLength(6);
  });

  it('stops cleanly: closes the stream and cancels a pending reconnect', () => {
    vi.useFakeTimers();
    const { live, handlers } = subscribe();
    FakeEventSource.latest().fail(true);
    live.stop();
    vi.advanceTimersByTime(60000);
    expect(FakeEventSource.instances).toHaveLength(1);
    live.start();
    const second = FakeEventSource.latest();
    live.stop();
    expect(second.closed).toBe(true);
    second.send({ type: 'cache_invalidated' });
    expect(handlers.onInvalidated).not.toHaveBeenCalled();
  });

  it('parses the contract event shape', () => {
    expect(parse('{"type":"cache_invalidated","user_id":null}')).toEqual({ type: 'cache_invalidated', user_id: null });
    expect(parse('{"type":"connected"}')).toBeNull();
    expect(parse(undefined)).toBeNull();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { CoreApi } from '../src/api';
import { loadConfig } from '../src/config';
import { HomeLoader, type HomeState } from '../src/homeLoader';
import { home } from './fixtures';
import { stubFetch } from './fakes';
import { jsonResponse } from './render';

afterEach(() => vi.unstubAllGlobals());

describe('HomeLoader', () => {
  it('sends the ETag of the page on screen and keeps the page on 304', async () => {
    const { callsTo } = stubFetch({ 'GET /home': [() => jsonResponse(200, home(), { ETag: '"abc"' }), () => new Response(null, { status: 304 })] });
    const states: HomeState[] = [];
    const loader = new HomeLoader(new CoreApi('http://core.test'), 'tok', (s) => states.push(s));
    await loader.refresh();
    await loader.refresh();
    expect(callsTo('GET', '/home').map((c) => c.headers['if-none-match'])).toEqual([undefined, '"abc"']);
    expect(states).toHaveLength(1);
    expect(loader.current()).toMatchObject({ status: 'ready', degraded: false });
  });

  it('ignores answers that arrive after it was disposed (identity switched)', async () => {
    stubFetch({ 'GET /home': () => jsonResponse(200, home()) });
    const onState = vi.fn();
    const loader = new HomeLoader(new CoreApi('http://core.test'), undefined, onState);
    const pending = loader.refresh();
    loader.dispose();
    await pending;
    expect(onState).not.toHaveBeenCalled();
  });
});

describe('loadConfig', () => {
  it('reads coreUrl from /config.json', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { coreUrl: 'http://127.0.0.1:8000/' }));
    expect(await loadConfig(fetchImpl)).toEqual({ coreUrl: 'http://127.0.0.1:8000' });
    expect(fetchImpl).toHaveBeenCalledWith('/config.json', expect.anything());
  });

  it.each([
    ['missing file', async () => new Response('nope', { status: 404 })],
    ['SPA fallback HTML', async () => new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } })],
    ['empty coreUrl', async () => jsonResponse(200, { coreUrl: '' })],
    ['network error', async () => Promise.reject(new TypeError('offline'))],
  ])('falls back to the same origin on %s', async (_name, impl) => {
    expect(await loadConfig(vi.fn(impl) as unknown as typeof fetch)).toEqual({ coreUrl: '' });
  });
});

describe('CoreApi', () => {
  it('joins core-relative paths to the base URL and leaves absolute URLs alone', () => {
    const api = new CoreApi('http://127.0.0.1:8000');
    expect(api.url('/widget/car-insurance/contract')).toBe('http://127.0.0.1:8000/widget/car-insurance/contract');
    expect(api.url('https://www.check24.de/x')).toBe('https://www.check24.de/x');
    expect(new CoreApi('').url('/home')).toBe('/home');
    expect(new CoreApi('').streamUrl('a b')).toBe('/stream/updates?access_token=a%20b');
  });
});

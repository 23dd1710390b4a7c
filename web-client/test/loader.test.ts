import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/core-api/config';
import { CoreApi } from '../src/core-api/coreApi';
import { HomeLoader, type HomeState } from '../src/core-api/homeLoader';
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
  it('reads coreUrl and imageBaseUrl from /config.json', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { coreUrl: 'http://127.0.0.1:8000/', imageBaseUrl: 'https://cdn.homewidgets.example/' }));
    expect(await loadConfig(fetchImpl)).toEqual({ coreUrl: 'http://127.0.0.1:8000', imageBaseUrl: 'https://cdn.homewidgets.example' });
    expect(fetchImpl).toHaveBeenCalledWith('/config.json', expect.anything());
  });

  it('takes neither a script URL nor another scheme as a base', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { coreUrl: 'javascript:alert(1)//', imageBaseUrl: '//attacker.example' }));
    expect(await loadConfig(fetchImpl)).toEqual({ coreUrl: '', imageBaseUrl: '' });
  });

  it('takes a path on this origin for the core (behind a prefix), but only an http(s) origin for images', async () => {
    const fetchImpl = vi.fn(async () => jsonResponse(200, { coreUrl: '/api/', imageBaseUrl: '/cdn' }));
    expect(await loadConfig(fetchImpl)).toEqual({ coreUrl: '/api', imageBaseUrl: '' });
  });

  it.each([
    ['missing file', async () => new Response('nope', { status: 404 })],
    ['SPA fallback HTML', async () => new Response('<!doctype html>', { status: 200, headers: { 'Content-Type': 'text/html' } })],
    ['empty coreUrl', async () => jsonResponse(200, { coreUrl: '' })],
    ['network error', async () => Promise.reject(new TypeError('offline'))],
  ])('falls back to the same origin on %s', async (_name, impl) => {
    expect(await loadConfig(vi.fn(impl) as unknown as typeof fetch)).toEqual({ coreUrl: '', imageBaseUrl: '' });
  });
});

describe('CoreApi', () => {
  it('joins core paths to the base URL', () => {
    expect(new CoreApi('http://127.0.0.1:8000').url('/widget/car-insurance/contract')).toBe('http://127.0.0.1:8000/widget/car-insurance/contract');
    expect(new CoreApi('').url('/home')).toBe('/home');
  });

  it('makes no request URL out of anything but a path on the core', () => {
    const api = new CoreApi('http://127.0.0.1:8000');
    for (const path of ['https://attacker.example/x', '//attacker.example/x', '/\\attacker.example/x', 'javascript:alert(1)', 'home']) {
      expect(() => api.url(path), path).toThrow('not a path on the core');
    }
  });

  it('opens an anonymous stream without a ticket', async () => {
    const { fetchMock } = stubFetch({});
    expect(await new CoreApi('http://core.test').streamUrl(undefined)).toBe('http://core.test/stream/updates');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('opens a signed-in stream with a ticket from POST /stream/ticket, never with the token', async () => {
    const { callsTo } = stubFetch({ 'POST /stream/ticket': () => jsonResponse(200, { ticket: 'a b+c', expires_in: 30 }) });
    const url = await new CoreApi('http://core.test').streamUrl('token-123');
    expect(url).toBe('http://core.test/stream/updates?ticket=a%20b%2Bc');
    expect(url).not.toContain('token-123');
    expect(callsTo('POST', '/stream/ticket')[0]?.headers.authorization).toBe('Bearer token-123');
  });

  it('fails when the core gives no ticket, so the stream is retried later', async () => {
    stubFetch({ 'POST /stream/ticket': () => jsonResponse(401, { detail: 'token expired' }) });
    await expect(new CoreApi('http://core.test').streamUrl('old')).rejects.toThrow('token expired');
  });
});

import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import { ANONYMOUS, CoreApi, type Identity } from '../src/core-api/coreApi';
import { WidgetEnvironmentContext } from '../src/components/WidgetContext';

export const USER_123: Identity = { kind: 'user', userId: 123, token: 'token-123' };

/** Renders inside a widget environment (API, identity) like the app does. */
export function renderWidget(ui: ReactElement, options: { identity?: Identity; api?: CoreApi; imageBaseUrl?: string } = {}) {
  const onChanged = vi.fn();
  const requestSignIn = vi.fn();
  const api = options.api ?? new CoreApi('http://core.test');
  const result = render(
    <WidgetEnvironmentContext.Provider value={{ api, identity: options.identity ?? ANONYMOUS, imageBaseUrl: options.imageBaseUrl ?? '', onChanged, requestSignIn }}>
      {ui}
    </WidgetEnvironmentContext.Provider>,
  );
  return { ...result, onChanged, requestSignIn, api };
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(status === 204 || status === 304 ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

/** A promise whose resolution the test controls. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

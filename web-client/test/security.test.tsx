// Each test is named after the attack it stops. The widgets come from product services; the core
// drops those that break the contract, and the client does not trust that alone.
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/App';
import { Card } from '../src/components/Card';
import { InfoBox } from '../src/components/InfoBox';
import { ProductGrid } from '../src/components/ProductGrid';
import { CoreApi } from '../src/core-api/coreApi';
import type { Action, Widget } from '../src/core-api/sdui';
import { imageSource, isPurchasable, isWebUrl, refusals } from '../src/core-api/widgetSafety';
import { example, home } from './fixtures';
import { FakeEventSource, stubFetch } from './fakes';
import { jsonResponse, renderWidget, USER_123 } from './render';

const card = example<Widget>('valid/widget-card.json');
const withPurchase = (action: Partial<Action>): Widget => ({ ...card, action: { ...card.action!, ...action } });

let warn: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
  FakeEventSource.reset();
});
afterEach(() => vi.unstubAllGlobals());

/** Renders a signed-in user's card and tries every button on it. */
async function clickEverythingOn(widget: Widget) {
  const { fetchMock } = stubFetch({});
  renderWidget(<Card widget={widget} />, { identity: USER_123 });
  const article = screen.getByRole('article', { name: 'Kfz-Versicherung DEVK' });
  for (const button of within(article).queryAllByRole('button')) fireEvent.click(button);
  await Promise.resolve();
  return { article, fetchMock };
}

describe('purchase actions', () => {
  it('doesNotSendTheTokenToAUrlAWidgetNames', async () => {
    const attack = example<Widget>('invalid/widget-purchase-path-foreign-host.json');
    const before = refusals();
    const { article, fetchMock } = await clickEverythingOn(attack);
    expect(within(article).queryByRole('button')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
    expect(refusals()).toBe(before + 1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('refused purchase action'));
  });

  it.each(['//attacker.example/widget/car-insurance/contract', '/\\attacker.example/widget/car-insurance/contract', 'http://attacker.example/widget/car-insurance/contract'])(
    'doesNotSendTheTokenToAnotherHostThroughAPathThatLooksRelative (%s)',
    async (path) => {
      const { article, fetchMock } = await clickEverythingOn(withPurchase({ path }));
      expect(within(article).queryByRole('button')).toBeNull();
      expect(fetchMock).not.toHaveBeenCalled();
    },
  );

  it.each(['/cache/invalidate', '/user/456/contracts', '/widget/car-insurance/contract/456/car_insurance_devk_offer_123', '/widget/car-insurance/contract?user_id=456'])(
    'doesNotPostToACoreRouteOtherThanAContractRoute (%s)',
    async (path) => {
      const { article, fetchMock } = await clickEverythingOn(withPurchase({ path }));
      expect(within(article).queryByRole('button')).toBeNull();
      expect(fetchMock).not.toHaveBeenCalled();
    },
  );

  it('doesNotBuyWithAMethodTheContractDoesNotAllow', async () => {
    const { article, fetchMock } = await clickEverythingOn(example<Widget>('invalid/widget-purchase-method-not-post.json'));
    expect(within(article).queryByRole('button')).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('doesNotSendAForbiddenActionEvenWhenAskedDirectly', async () => {
    const { fetchMock } = stubFetch({});
    const api = new CoreApi('http://core.test');
    for (const action of [
      { ...card.action!, path: 'https://attacker.example/widget/car-insurance/contract' },
      { ...card.action!, path: '/cache/invalidate' },
      { ...card.action!, method: 'DELETE' as const },
      { ...card.action!, type: 'link' as const },
    ]) {
      expect(await api.purchase(action, card.widget_id, USER_123)).toEqual({ kind: 'error', message: 'This offer cannot be bought here' });
    }
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('still buys through the core\'s contract route of a product it has never heard of', async () => {
    const { callsTo } = stubFetch({ 'POST /widget/electricity/contract': () => jsonResponse(201, {}) });
    renderWidget(<Card widget={withPurchase({ path: '/widget/electricity/contract' })} />, { identity: USER_123 });
    fireEvent.click(screen.getByRole('button', { name: 'Jetzt abschließen: Kfz-Versicherung DEVK' }));
    expect(await screen.findByText('Done! The contract is yours.')).toBeInTheDocument();
    expect(callsTo('POST', '/widget/electricity/contract')[0]?.headers.authorization).toBe('Bearer token-123');
  });
});

describe('the token goes to the core only', () => {
  it('attachesTheTokenOnlyToTheConfiguredCoresOrigin', () => {
    const api = new CoreApi('http://core.test');
    expect(api.isCoreUrl('http://core.test/home')).toBe(true);
    expect(api.isCoreUrl('http://core.test.attacker.example/home')).toBe(false);
    expect(api.isCoreUrl('http://attacker.example/?http://core.test')).toBe(false);
    expect(api.isCoreUrl('https://core.test/home')).toBe(false);
    const sameOrigin = new CoreApi('');
    expect(sameOrigin.isCoreUrl('/home')).toBe(true);
    expect(sameOrigin.isCoreUrl('https://attacker.example/home')).toBe(false);
  });

  it('doesNotPutTheBearerTokenIntoTheStreamUrl', async () => {
    let n = 0;
    const { callsTo } = stubFetch({
      'GET /home': () => jsonResponse(200, home()),
      'GET /user/123/contracts': () => jsonResponse(200, { has_contract: false, contracts: {}, unavailable_services: [] }),
      'POST /stream/ticket': () => jsonResponse(200, { ticket: `one-time-${++n}`, expires_in: 30 }),
    });
    vi.useFakeTimers({ shouldAdvanceTime: true });
    try {
      render(<App api={new CoreApi('http://core.test')} createEventSource={FakeEventSource.factory} initialIdentity={USER_123} />);
      const first = await vi.waitFor(() => FakeEventSource.latest());
      act(() => first.fail(true)); // the core restarted: reconnect
      await act(() => vi.advanceTimersByTimeAsync(1000));
      await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
    } finally {
      vi.useRealTimers();
    }
    expect(FakeEventSource.instances.map((s) => s.url)).toEqual([
      'http://core.test/stream/updates?ticket=one-time-1',
      'http://core.test/stream/updates?ticket=one-time-2',
    ]);
    expect(FakeEventSource.instances.some((s) => s.url.includes('token-123') || s.url.includes('access_token'))).toBe(false);
    expect(callsTo('POST', '/stream/ticket').map((c) => c.headers.authorization)).toEqual(['Bearer token-123', 'Bearer token-123']);
  });
});

describe('links and images', () => {
  const info = example<Widget>('valid/widget-info-box.json');

  it.each(['javascript:alert(document.cookie)', 'JavaScript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//attacker.example/phish'])(
    'doesNotRenderALinkThatRunsScriptOrLeavesTheWeb (%j)',
    (path) => {
      const { container } = renderWidget(<InfoBox widget={{ ...info, action: { ...info.action!, path } }} />);
      expect(screen.queryByRole('link')).toBeNull();
      expect(container.querySelector('a')).toBeNull();
    },
  );

  it('doesNotRenderTheJavascriptLinkOfTheContractsInvalidVector', () => {
    renderWidget(<InfoBox widget={example<Widget>('invalid/widget-link-javascript-url.json')} />);
    expect(screen.getByRole('complementary', { name: /Zusatzbeitrag 2025/ })).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('doesNotLoadAnImageFromADataUrl', () => {
    const { container } = renderWidget(<Card widget={example<Widget>('invalid/widget-image-data-url.json')} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('article', { name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
  });

  it('doesNotLetAProductGridTileLoadAScript', () => {
    const { container } = renderWidget(<ProductGrid widget={example<Widget>('invalid/widget-product-grid-tile-javascript-image.json')} />);
    expect(container.querySelector('img')).toBeNull();
    expect(screen.getByRole('heading', { level: 4, name: 'Barclays Visa' })).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith('widget banking_credit_cards_grid: refused image_url "javascript:alert(document.domain)"');
  });
});

describe('the contract\'s rules, as the client applies them', () => {
  // The same lists as widget-contract's SafeActionsTests: the patterns are generated from the schema.
  it.each([
    'https://www.check24.de/kfz-versicherung/',
    'http://localhost:8080/images/a.svg',
    '/images/car-insurance/devk-5c1e2f.svg',
    '/',
    'assets/images/companies/huk24.svg',
    './devk.svg',
    '../devk.svg',
    'devk.svg?v=2',
    '/images/a:b.svg',
  ])('allows the web URL %j', (url) => {
    expect(isWebUrl(url)).toBe(true);
  });

  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:image/svg+xml,<svg onload=alert(1)>',
    'file:///etc/passwd',
    'blob:https://x/1',
    '//attacker.example/phish',
    '/\\attacker.example/phish',
    'https:attacker.example',
    'https://',
    'HTTPS://www.check24.de/',
    '',
  ])('refuses the URL %j', (url) => {
    expect(isWebUrl(url)).toBe(false);
    expect(imageSource(url, 'https://cdn.homewidgets.example')).toBeUndefined();
  });

  it('resolves only relative image URLs against the image origin', () => {
    expect(imageSource('/images/banking/ing.svg', 'https://cdn.homewidgets.example')).toBe('https://cdn.homewidgets.example/images/banking/ing.svg');
    expect(imageSource('/images/banking/ing.svg', '')).toBe('/images/banking/ing.svg');
    expect(imageSource('https://img.example/ing.svg', 'https://cdn.homewidgets.example')).toBe('https://img.example/ing.svg');
  });

  it('lets a purchase be only a POST to /widget/{service-key}/contract', () => {
    const purchase = (path: string, method: Action['method'] = 'POST'): Action => ({ type: 'purchase', label: 'Buy', method, path });
    expect(isPurchasable(purchase('/widget/car-insurance/contract'))).toBe(true);
    expect(isPurchasable(purchase('/widget/electricity/contract'))).toBe(true);
    expect(isPurchasable(purchase('/widget/car-insurance/contract/'))).toBe(false);
    expect(isPurchasable(purchase('/widget/../user/456/contract'))).toBe(false);
    expect(isPurchasable(purchase('/widget/car-insurance/contract', 'GET'))).toBe(false);
    expect(isPurchasable({ ...purchase('/widget/car-insurance/contract'), type: 'link' })).toBe(false);
  });
});

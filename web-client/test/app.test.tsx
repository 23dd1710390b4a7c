import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../src/App';
import { CoreApi } from '../src/core-api/coreApi';
import type { HomeResponse } from '../src/core-api/sdui';
import { example, home, userContracts } from './fixtures';
import { FakeEventSource, stubFetch } from './fakes';
import { jsonResponse, USER_123 } from './render';

const CORE = 'http://core.test';

function homeWithoutCarOffers(): HomeResponse {
  const doc = home();
  return { ...doc, services: { ...doc.services, car_insurance: { title: 'Kfz-Versicherung', widgets: [] } } };
}

function renderApp(identity = USER_123) {
  return render(<App api={new CoreApi(CORE)} createEventSource={FakeEventSource.factory} initialIdentity={identity} />);
}

const carSection = () => screen.getByRole('region', { name: 'Kfz-Versicherung' });

const noContracts = () => jsonResponse(200, { has_contract: false, contracts: { car_insurance: null, health_insurance: null, house_insurance: null, banking: null }, unavailable_services: [] });
const carContract = () => jsonResponse(200, userContracts());

/** POST /stream/ticket: ticket-1, ticket-2, ... like the core's single-use tickets. */
function tickets() {
  let n = 0;
  return () => jsonResponse(200, { ticket: `ticket-${++n}`, expires_in: 30 });
}

/** The stream the app opened last, once it has (a signed-in stream waits for its ticket). */
const stream = (url?: string) =>
  vi.waitFor(() => {
    const latest = FakeEventSource.latest();
    if (url) expect(latest.url).toBe(url);
    return latest;
  });

beforeEach(() => FakeEventSource.reset());
afterEach(() => vi.unstubAllGlobals());

describe('App: live updates', () => {
  it('refetches /home with If-None-Match on cache_invalidated and updates the page in place', async () => {
    const { callsTo } = stubFetch({
      'GET /home': [
        () => jsonResponse(200, home(), { ETag: '"v1"' }),
        () => new Response(null, { status: 304, headers: { ETag: '"v1"' } }),
        () => jsonResponse(200, homeWithoutCarOffers(), { ETag: '"v2"' }),
      ],
      'GET /user/123/contracts': [noContracts, noContracts, carContract],
      'POST /stream/ticket': tickets(),
    });
    const { container } = renderApp();
    expect(await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
    const page = container.firstElementChild;

    const source = await stream('http://core.test/stream/updates?ticket=ticket-1');
    act(() => source.open()); // connect → resync → 304, nothing changes
    await waitFor(() => expect(callsTo('GET', '/home')).toHaveLength(2));
    expect(callsTo('GET', '/home')[1]?.headers['if-none-match']).toBe('"v1"');
    expect(within(carSection()).getByRole('article', { name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
    expect(container.querySelector('.app')).toHaveAttribute('data-live-status', 'live');

    act(() => source.send({ type: 'cache_invalidated', timestamp: '2025-01-15T10:31:00Z', reason: 'contract_created', user_id: 123, service: 'car_insurance' }));

    expect(await within(carSection()).findByText('No offers here right now.')).toBeInTheDocument();
    const homeCalls = callsTo('GET', '/home');
    expect(homeCalls).toHaveLength(3);
    expect(homeCalls[2]?.headers['if-none-match']).toBe('"v1"');
    expect(homeCalls[2]?.headers.authorization).toBe('Bearer token-123');
    const contracts = screen.getByRole('complementary', { name: 'My contracts' });
    expect(await within(contracts).findByRole('button', { name: 'Cancel Kfz-Versicherung DEVK' })).toBeInTheDocument();
    expect(container.firstElementChild).toBe(page); // same DOM: updated, not reloaded
    expect(container.querySelector('.app')).toHaveAttribute('data-live-events', '1');
  });

  it('coalesces a burst of invalidations into at most one extra request', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { callsTo } = stubFetch({
      'GET /home': [() => jsonResponse(200, home(), { ETag: '"v1"' }), async () => (await gate, jsonResponse(200, homeWithoutCarOffers(), { ETag: '"v2"' }))],
      'GET /user/123/contracts': noContracts,
      'POST /stream/ticket': tickets(),
    });
    renderApp();
    await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' });
    const source = await stream();
    act(() => {
      for (let i = 0; i < 5; i++) source.send({ type: 'cache_invalidated', user_id: 123 });
    });
    release();
    await within(carSection()).findByText('No offers here right now.');
    await waitFor(() => expect(callsTo('GET', '/home')).toHaveLength(3));
  });
});

describe('App: states', () => {
  it('shows skeletons while loading, then an error with retry when the core is unreachable', async () => {
    let fail = true;
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL) => {
        if (fail) throw new TypeError('Failed to fetch');
        return String(input).endsWith('/home') ? jsonResponse(200, home(), { ETag: '"v1"' }) : jsonResponse(404, {});
      }),
    );
    renderApp({ kind: 'anonymous' });
    expect(screen.getByTestId('home-skeleton')).toBeInTheDocument();
    expect(screen.getByRole('main')).toHaveAttribute('aria-busy', 'true');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('We could not load your offers');
    fail = false;
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: 'Kfz-Versicherung' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('renders a 503 home (all products down) with its fallback cards and a notice', async () => {
    const doc = home();
    const fallback = doc.services.house_insurance!.widgets[0]!;
    const allDown: HomeResponse = {
      ...doc,
      services: Object.fromEntries(Object.entries(doc.services).map(([k, s]) => [k, { title: s!.title, widgets: [{ ...fallback, service: k }] }])),
    };
    stubFetch({ 'GET /home': () => jsonResponse(503, allDown, { 'Retry-After': '10', 'Content-Type': 'application/json' }) });
    renderApp({ kind: 'anonymous' });
    expect(await screen.findAllByRole('article', { name: 'Service Temporarily Unavailable' })).toHaveLength(4);
    expect(screen.getByText(/Our services are having trouble right now/)).toBeInTheDocument();
  });

  it('keeps the page and says so when a refresh fails', async () => {
    stubFetch({ 'GET /home': [() => jsonResponse(200, home(), { ETag: '"v1"' }), () => jsonResponse(500, { detail: 'down' })] });
    renderApp({ kind: 'anonymous' });
    await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' });
    const source = await stream();
    act(() => source.send({ type: 'cache_invalidated' }));
    expect(await screen.findByText(/Could not refresh \(down\)/)).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
  });
});

describe('App: identity', () => {
  it('signs in as a demo user through /dev/token, reloads the home with the token and reopens the stream with a ticket', async () => {
    const { callsTo } = stubFetch({
      'GET /home': (call) => jsonResponse(200, call.headers.authorization ? homeWithoutCarOffers() : home(), { ETag: call.headers.authorization ? '"u"' : '"a"' }),
      'GET /dev/token': () => jsonResponse(200, { access_token: 'jwt-456', user_id: 456, token_type: 'Bearer' }),
      'GET /user/456/contracts': noContracts,
      'POST /stream/ticket': tickets(),
    });
    renderApp({ kind: 'anonymous' });
    await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' });
    const anonymousStream = await stream('http://core.test/stream/updates');
    expect(callsTo('POST', '/stream/ticket')).toHaveLength(0);
    expect(screen.getByText('Sign in to see and manage your contracts.')).toBeInTheDocument();

    fireEvent.click(screen.getByRole('radio', { name: 'Demo user 456' }));
    expect(await screen.findByText('Signed in as user 456')).toBeInTheDocument();
    expect(callsTo('GET', '/dev/token')[0]?.url).toBe('http://core.test/dev/token?user_id=456');
    await within(carSection()).findByText('No offers here right now.');
    expect(callsTo('GET', '/home').at(-1)?.headers.authorization).toBe('Bearer jwt-456');
    expect(callsTo('GET', '/home').at(-1)?.headers['if-none-match']).toBeUndefined();
    await stream('http://core.test/stream/updates?ticket=ticket-1');
    expect(callsTo('POST', '/stream/ticket')[0]?.headers.authorization).toBe('Bearer jwt-456');
    expect(anonymousStream.closed).toBe(true);
    expect(await screen.findByText('You have no contracts yet.')).toBeInTheDocument();
    expect(JSON.parse(localStorage.getItem('homeWidgets.identity')!)).toEqual({ userId: 456, token: 'jwt-456' });

    fireEvent.click(screen.getByRole('radio', { name: 'Anonymous' }));
    expect(await screen.findByText('Not signed in')).toBeInTheDocument();
    expect(localStorage.getItem('homeWidgets.identity')).toBeNull();
  });

  it('says when demo sign-in is not available', async () => {
    stubFetch({ 'GET /home': () => jsonResponse(200, home()) });
    renderApp({ kind: 'anonymous' });
    await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' });
    fireEvent.click(screen.getByRole('radio', { name: 'Demo user 123' }));
    expect(await screen.findByText(/only available when the core runs with the local profile/)).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Anonymous' })).toBeChecked();
  });

  it('falls back to anonymous when the token is rejected', async () => {
    stubFetch({
      'GET /home': (call) => (call.headers.authorization ? jsonResponse(401, { detail: 'expired' }) : jsonResponse(200, home())),
      'GET /user/123/contracts': noContracts,
      'POST /stream/ticket': () => jsonResponse(401, { detail: 'expired' }),
    });
    renderApp();
    expect(await screen.findByText(/Your sign-in has expired/)).toBeInTheDocument();
    expect(await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Anonymous' })).toBeChecked();
  });
});

describe('App: my contracts', () => {
  it('lists the contract and cancels it with DELETE /widget/{service-key}/contract/{user}/{widget}', async () => {
    const { callsTo } = stubFetch({
      'GET /home': [() => jsonResponse(200, homeWithoutCarOffers(), { ETag: '"v2"' }), () => jsonResponse(200, home(), { ETag: '"v3"' })],
      'GET /user/123/contracts': [carContract, noContracts],
      'DELETE /widget/car-insurance/contract/123/car_insurance_devk_offer_123': () => new Response(null, { status: 204 }),
    });
    renderApp();
    const panel = await screen.findByRole('complementary', { name: 'My contracts' });
    const item = await within(panel).findByRole('listitem');
    expect(item).toHaveTextContent('Kfz-Versicherung');
    expect(item).toHaveTextContent('Kfz-Versicherung DEVK');
    expect(item).toHaveTextContent('89,00 € / Monat');

    fireEvent.click(within(item).getByRole('button', { name: 'Cancel Kfz-Versicherung DEVK' }));
    expect(await within(panel).findByText('You have no contracts yet.')).toBeInTheDocument();
    expect(callsTo('DELETE', '/widget/car-insurance/contract/123/car_insurance_devk_offer_123')[0]?.headers.authorization).toBe('Bearer token-123');
    expect(await within(carSection()).findByRole('article', { name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
  });

  it('shows why a cancellation failed', async () => {
    stubFetch({
      'GET /home': () => jsonResponse(200, homeWithoutCarOffers()),
      'GET /user/123/contracts': carContract,
      'DELETE /widget/car-insurance/contract/123/car_insurance_devk_offer_123': () => jsonResponse(503, { detail: 'car insurance is down' }),
    });
    renderApp();
    const button = await screen.findByRole('button', { name: 'Cancel Kfz-Versicherung DEVK' });
    fireEvent.click(button);
    expect(await screen.findByText('Could not cancel: car insurance is down')).toBeInTheDocument();
    expect(button).toBeEnabled();
  });
});

describe('App: a provisional home', () => {
  it('shows the generic home with a subtle "personalising" note until personal_home_ready brings the personal one', async () => {
    const generic = example<HomeResponse>('valid/home-response-provisional.json');
    const { callsTo } = stubFetch({
      'GET /home': [() => jsonResponse(200, generic, { ETag: '"generic"' }), () => jsonResponse(200, generic, { ETag: '"generic"' }), () => jsonResponse(200, home(), { ETag: '"personal"' })],
      'GET /user/123/contracts': noContracts,
      'POST /stream/ticket': tickets(),
    });
    renderApp();
    expect(await screen.findByRole('article', { name: 'Kfz-Versicherung HUK-COBURG' })).toBeInTheDocument();
    expect(screen.getByText('Personalising your offers…')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('main')).toHaveAttribute('data-provisional', 'true');

    const source = await stream();
    act(() => source.open()); // resync: the personal home is not ready yet
    await waitFor(() => expect(callsTo('GET', '/home')).toHaveLength(2));
    expect(screen.getByText('Personalising your offers…')).toBeInTheDocument();

    act(() => source.send({ type: 'cache_invalidated', reason: 'personal_home_ready', user_id: 123 }));
    expect(await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
    expect(screen.queryByRole('article', { name: 'Kfz-Versicherung HUK-COBURG' })).toBeNull();
    expect(screen.queryByText('Personalising your offers…')).toBeNull();
    expect(screen.getByRole('main')).toHaveAttribute('data-provisional', 'false');
    expect(callsTo('GET', '/home')[2]?.headers['if-none-match']).toBe('"generic"');
  });

  it('says nothing about personalising when the home is the personal one', async () => {
    stubFetch({ 'GET /home': () => jsonResponse(200, home()), 'GET /user/123/contracts': noContracts, 'POST /stream/ticket': tickets() });
    renderApp();
    await screen.findByRole('article', { name: 'Kfz-Versicherung DEVK' });
    expect(screen.queryByText('Personalising your offers…')).toBeNull();
  });
});

describe('App: sections the client was not built for', () => {
  it('shows a fifth product (electricity) on the home and in "My contracts", named as the server names it', async () => {
    const { callsTo } = stubFetch({
      'GET /home': () => jsonResponse(200, example<HomeResponse>('valid/home-response-new-section.json')),
      'GET /user/123/contracts': () => jsonResponse(200, userContracts('valid/user-contracts-offer-gone-one-unavailable.json')),
      'POST /stream/ticket': tickets(),
      'DELETE /widget/electricity/contract/123/electricity_green_offer_1': () => new Response(null, { status: 204 }),
    });
    renderApp();
    const electricity = await screen.findByRole('region', { name: 'Strom' });
    expect(within(electricity).getByRole('button', { name: 'Jetzt wechseln: Ökostrom Regional' })).toBeEnabled();
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(['Kfz-Versicherung', 'Strom', 'Krankenversicherung', 'My contracts']);

    const panel = screen.getByRole('complementary', { name: 'My contracts' });
    const item = await within(panel).findByRole('listitem');
    expect(item).toHaveTextContent('Strom');
    expect(item).toHaveTextContent('electricity_green_offer_1'); // the offer is gone: its id is all there is
    // A product the home does not show is named from its section name, not from a list in the client.
    expect(within(panel).getByText('Could not check House insurance right now; contracts there may be missing.')).toBeInTheDocument();

    fireEvent.click(within(item).getByRole('button', { name: 'Cancel electricity_green_offer_1' }));
    await waitFor(() => expect(callsTo('DELETE', '/widget/electricity/contract/123/electricity_green_offer_1')).toHaveLength(1));
  });
});

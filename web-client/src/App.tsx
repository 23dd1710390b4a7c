import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ContractsPanel, type SectionNames } from './components/ContractsPanel';
import { ErrorState } from './components/ErrorState';
import { HomeView } from './components/HomeView';
import { IdentitySwitcher } from './components/IdentitySwitcher';
import { HomeSkeleton } from './components/Skeletons';
import { WidgetEnvironmentContext, type WidgetEnvironment } from './components/WidgetContext';
import type { CoreApi, Identity } from './core-api/coreApi';
import { HomeLoader, type HomeState } from './core-api/homeLoader';
import { useIdentity } from './core-api/identity';
import { LiveUpdates, type EventSourceFactory, type LiveStatus } from './core-api/liveUpdates';
import { orderedSectionKeys } from './core-api/sdui';

interface AppProps {
  api: CoreApi;
  /** Origin for relative image URLs (config.json's imageBaseUrl); empty = this page's origin. */
  imageBaseUrl?: string;
  /** Tests pass a stub; the browser's EventSource otherwise. */
  createEventSource?: EventSourceFactory;
  initialIdentity?: Identity;
}

const LIVE_LABELS: Record<LiveStatus, string> = { connecting: 'Connecting…', live: 'Live', reconnecting: 'Reconnecting…' };

export function App({ api, imageBaseUrl = '', createEventSource, initialIdentity }: AppProps) {
  const identityControl = useIdentity(api, initialIdentity);
  const { identity, expire } = identityControl;
  const token = identity.kind === 'user' ? identity.token : undefined;

  const [home, setHome] = useState<HomeState>({ status: 'loading' });
  const loader = useRef<HomeLoader | null>(null);
  const [contractsVersion, setContractsVersion] = useState(0);
  const [live, setLive] = useState<LiveStatus>('connecting');
  const [liveEvents, setLiveEvents] = useState(0);
  const switcher = useRef<HTMLFieldSetElement>(null);

  useEffect(() => {
    const current = new HomeLoader(api, token, setHome);
    loader.current = current;
    setHome({ status: 'loading' });
    void current.refresh();
    return () => current.dispose();
  }, [api, token]);

  /** The user's data may have changed: refetch the home (If-None-Match) and the contracts. */
  const refreshAll = useCallback(() => {
    void loader.current?.refresh();
    setContractsVersion((v) => v + 1);
  }, []);

  useEffect(() => {
    // A signed-in stream needs a fresh single-use ticket for every (re)connect.
    const updates = new LiveUpdates(
      () => api.streamUrl(token),
      {
        onInvalidated: () => {
          setLiveEvents((n) => n + 1);
          refreshAll();
        },
        onResync: refreshAll,
        onStatus: setLive,
      },
      createEventSource ? { createEventSource } : {},
    );
    updates.start();
    return () => updates.stop();
  }, [api, token, createEventSource, refreshAll]);

  useEffect(() => {
    if (home.status === 'error' && home.httpStatus === 401 && identity.kind === 'user') {
      expire('Your sign-in has expired; you are browsing anonymously now.');
    }
  }, [home, identity, expire]);

  const requestSignIn = useCallback(() => {
    switcher.current?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
    (switcher.current?.querySelector<HTMLInputElement>('input:not([value="anonymous"])') ?? switcher.current)?.focus();
  }, []);

  const environment = useMemo<WidgetEnvironment>(
    () => ({ api, identity, imageBaseUrl, onChanged: refreshAll, requestSignIn }),
    [api, identity, imageBaseUrl, refreshAll, requestSignIn],
  );

  // The contracts panel names and orders sections as the home on screen does.
  const sections = useMemo<SectionNames>(() => {
    if (home.status !== 'ready') return { order: [], titles: {} };
    const order = orderedSectionKeys(home.home);
    const titles = Object.fromEntries(order.flatMap((key) => {
      const title = home.home.services[key]?.title;
      return typeof title === 'string' && title ? [[key, title]] : [];
    }));
    return { order, titles };
  }, [home]);

  return (
    <div className="app" data-live-status={live} data-live-events={liveEvents} data-identity={identity.kind === 'user' ? identity.userId : 'anonymous'}>
      <a className="skip-link" href="#main">
        Skip to offers
      </a>
      <header className="app-header">
        <div className="brand">
          <h1 className="brand__name">Home Widgets</h1>
          <p className={`live live--${live}`} title="Updates arrive without reloading the page">
            <span className="live__dot" aria-hidden="true" />
            {LIVE_LABELS[live]}
          </p>
        </div>
        <IdentitySwitcher ref={switcher} control={identityControl} />
      </header>

      <WidgetEnvironmentContext.Provider value={environment}>
        <div className="layout">
          <main
            id="main"
            className="home"
            aria-busy={home.status === 'loading'}
            data-provisional={home.status === 'ready' && home.home.provisional === true}
            tabIndex={-1}
          >
            {home.status === 'loading' && (
              <>
                <p className="visually-hidden" role="status">
                  Loading your offers…
                </p>
                <HomeSkeleton />
              </>
            )}
            {home.status === 'error' && <ErrorState message={home.message} onRetry={() => void loader.current?.reload()} />}
            {home.status === 'ready' && (
              <>
                {home.degraded && (
                  <p className="banner banner--warning" role="status">
                    Our services are having trouble right now. Some offers may be missing.
                  </p>
                )}
                {home.refreshError && (
                  <p className="banner banner--warning" role="status">
                    Could not refresh ({home.refreshError}). Showing the offers from before.{' '}
                    <button type="button" className="link-button" onClick={() => void loader.current?.reload()}>
                      Try again
                    </button>
                  </p>
                )}
                {home.home.provisional === true && (
                  <p className="personalising" role="status" data-testid="personalising">
                    <span className="spinner" aria-hidden="true" />
                    Personalising your offers…
                  </p>
                )}
                <HomeView home={home.home} />
              </>
            )}
          </main>
          <ContractsPanel api={api} identity={identity} version={contractsVersion} sections={sections} onChanged={refreshAll} />
        </div>
      </WidgetEnvironmentContext.Provider>
    </div>
  );
}

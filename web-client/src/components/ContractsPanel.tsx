import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreApi, Identity, UserContract, UserContracts } from '../api';
import { DEFAULT_SECTION_TITLES, SECTION_ORDER, isPricing } from '../contract';
import { Price } from './Price';
import { LinesSkeleton } from './Skeletons';

type SignedIn = Extract<Identity, { kind: 'user' }>;

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; contracts: UserContracts };

interface Props {
  api: CoreApi;
  identity: Identity;
  /** Changes whenever the user's data may have changed (SSE, purchase, cancel); triggers a reload. */
  version: number;
  sectionTitles: Record<string, string>;
  onChanged(): void;
}

/** "My contracts": what the signed-in user has bought, each with a cancel button. */
export function ContractsPanel({ api, identity, version, sectionTitles, onChanged }: Props) {
  return (
    <aside className="contracts" aria-labelledby="contracts-title">
      <h2 id="contracts-title" className="contracts__title">
        My contracts
      </h2>
      {identity.kind === 'user' ? (
        <ContractsList key={identity.userId} api={api} identity={identity} version={version} sectionTitles={sectionTitles} onChanged={onChanged} />
      ) : (
        <p className="contracts__hint">Sign in to see and manage your contracts.</p>
      )}
    </aside>
  );
}

function ContractsList({ api, identity, version, sectionTitles, onChanged }: Props & { identity: SignedIn }) {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const latest = useRef(0);

  const load = useCallback(async () => {
    const request = ++latest.current;
    try {
      const contracts = await api.contracts(identity);
      if (request === latest.current) setState({ status: 'ready', contracts });
    } catch (error) {
      if (request === latest.current) {
        setState((previous) =>
          previous.status === 'ready' ? previous : { status: 'error', message: error instanceof Error ? error.message : String(error) },
        );
      }
    }
  }, [api, identity]);

  useEffect(() => {
    void load();
  }, [load, version]);

  if (state.status === 'loading') {
    return (
      <div role="status" aria-live="polite">
        <span className="visually-hidden">Loading your contracts…</span>
        <LinesSkeleton lines={3} />
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <div role="alert" className="contracts__error">
        <p>{state.message}</p>
        <button type="button" className="button button--secondary" onClick={() => void load()}>
          Try again
        </button>
      </div>
    );
  }

  const entries = orderedContracts(state.contracts);
  if (entries.length === 0) return <p className="contracts__empty">You have no contracts yet.</p>;
  return (
    <ul className="contracts__list">
      {entries.map(([section, contract]) => (
        <ContractItem
          key={`${section}/${contract.widget_id}`}
          api={api}
          identity={identity}
          section={section}
          sectionTitle={sectionTitles[section] ?? DEFAULT_SECTION_TITLES[section] ?? section}
          contract={contract}
          onCancelled={() => {
            onChanged();
            void load();
          }}
        />
      ))}
    </ul>
  );
}

function orderedContracts(contracts: UserContracts): Array<[string, UserContract]> {
  const keys = [...SECTION_ORDER, ...Object.keys(contracts.contracts).filter((k) => !(SECTION_ORDER as readonly string[]).includes(k))];
  return keys.flatMap((key) => {
    const contract = contracts.contracts[key];
    return contract && typeof contract.widget_id === 'string' ? [[key, contract] as [string, UserContract]] : [];
  });
}

interface ItemProps {
  api: CoreApi;
  identity: SignedIn;
  section: string;
  sectionTitle: string;
  contract: UserContract;
  onCancelled(): void;
}

function ContractItem({ api, identity, section, sectionTitle, contract, onCancelled }: ItemProps) {
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'progress' } | { kind: 'error'; message: string }>({ kind: 'idle' });
  const title = contract.data?.title ?? contract.widget_id;

  const cancel = async () => {
    setState({ kind: 'progress' });
    try {
      await api.cancel(section, contract.widget_id, identity);
      setState({ kind: 'idle' });
      onCancelled();
    } catch (error) {
      setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };

  return (
    <li className="contract" data-service={section} data-widget-id={contract.widget_id}>
      <p className="contract__section">{sectionTitle}</p>
      <p className="contract__title">{title}</p>
      {isPricing(contract.data?.pricing) && <Price pricing={contract.data.pricing} />}
      <button
        type="button"
        className="button button--danger"
        onClick={cancel}
        disabled={state.kind === 'progress'}
        aria-busy={state.kind === 'progress'}
        aria-label={`Cancel ${title}`}
      >
        {state.kind === 'progress' ? 'Cancelling…' : 'Cancel'}
      </button>
      {state.kind === 'error' && (
        <p className="contract__error" role="alert">
          Could not cancel: {state.message}
        </p>
      )}
    </li>
  );
}

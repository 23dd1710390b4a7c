import { useCallback, useEffect, useRef, useState } from 'react';
import type { CoreApi, Identity, SignedIn } from '../core-api/coreApi';
import { isPricing, readableSectionName, type ActiveContract, type UserContracts } from '../core-api/sdui';
import { Price } from './Price';
import { LinesSkeleton } from './Skeletons';

/** What the home page on screen says about its sections; empty before it has loaded. */
export interface SectionNames {
  /** The home's section_order. */
  order: readonly string[];
  /** The home's section titles. */
  titles: Readonly<Record<string, string>>;
}

type LoadState = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; contracts: UserContracts };

interface Props {
  api: CoreApi;
  identity: Identity;
  /** Changes whenever the user's data may have changed (SSE, purchase, cancel); triggers a reload. */
  version: number;
  sections: SectionNames;
  onChanged(): void;
}

/** "My contracts": what the signed-in user has bought, each with a cancel button. */
export function ContractsPanel({ api, identity, version, sections, onChanged }: Props) {
  return (
    <aside className="contracts" aria-labelledby="contracts-title">
      <h2 id="contracts-title" className="contracts__title">
        My contracts
      </h2>
      {identity.kind === 'user' ? (
        <ContractsList key={identity.userId} api={api} identity={identity} version={version} sections={sections} onChanged={onChanged} />
      ) : (
        <p className="contracts__hint">Sign in to see and manage your contracts.</p>
      )}
    </aside>
  );
}

function ContractsList({ api, identity, version, sections, onChanged }: Props & { identity: SignedIn }) {
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

  const entries = orderedContracts(state.contracts, sections.order);
  const title = (section: string) => sections.titles[section] ?? readableSectionName(section);
  const unavailable = state.contracts.unavailable_services;
  return (
    <>
      {unavailable.length > 0 && (
        <p className="contracts__unavailable" role="status">
          Could not check {unavailable.map(title).join(', ')} right now; contracts there may be missing.
        </p>
      )}
      {entries.length === 0 ? (
        <p className="contracts__empty">You have no contracts yet.</p>
      ) : (
        <ul className="contracts__list">
          {entries.map(([section, contract]) => (
            <ContractItem
              key={`${section}/${contract.widget_id}`}
              api={api}
              identity={identity}
              section={section}
              sectionTitle={title(section)}
              contract={contract}
              onCancelled={() => {
                onChanged();
                void load();
              }}
            />
          ))}
        </ul>
      )}
    </>
  );
}

/** Contracts in the home's section order; sections the home does not show follow in the answer's order. */
function orderedContracts(contracts: UserContracts, order: readonly string[]): Array<[string, ActiveContract]> {
  const keys = [...order, ...Object.keys(contracts.contracts).filter((k) => !order.includes(k))];
  return keys.flatMap((key) => {
    const contract = contracts.contracts[key];
    return contract ? [[key, contract] as [string, ActiveContract]] : [];
  });
}

interface ItemProps {
  api: CoreApi;
  identity: SignedIn;
  section: string;
  sectionTitle: string;
  contract: ActiveContract;
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

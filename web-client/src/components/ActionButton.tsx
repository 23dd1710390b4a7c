import { useEffect, useState } from 'react';
import type { Action } from '../core-api/sdui';
import { isAbsoluteHttpUrl, isPurchasable, isWebUrl, reportRefused } from '../core-api/widgetSafety';
import { useWidgetEnvironment } from './WidgetContext';

type State =
  | { kind: 'idle' }
  | { kind: 'progress' }
  | { kind: 'success' }
  | { kind: 'conflict'; detail: string | undefined }
  | { kind: 'sign-in' }
  | { kind: 'error'; message: string };

interface Props {
  action: Action;
  widgetId: string;
  /** What is being bought, for the button's accessible name. */
  subject: string;
}

/**
 * A widget's action: a link, or a purchase button that shows progress, success and errors. An action
 * the contract forbids (a purchase that is not POST to the core's contract route, a link that is not
 * http(s) or relative) is not offered at all, and reported.
 */
export function ActionButton({ action, widgetId, subject }: Props) {
  const allowed = action.type === 'link' ? isWebUrl(action.path) : isPurchasable(action);
  useEffect(() => {
    if (!allowed) reportRefused(widgetId, `${action.type} action`, { method: action.method, path: action.path });
  }, [allowed, widgetId, action.type, action.method, action.path]);
  if (!allowed) return null;
  if (action.type === 'link') return <LinkAction action={action} />;
  return <PurchaseButton action={action} widgetId={widgetId} subject={subject} />;
}

/** Absolute http(s) links open in a new tab; a path is on the core (as the contract says). */
function LinkAction({ action }: { action: Action }) {
  const { api } = useWidgetEnvironment();
  const external = isAbsoluteHttpUrl(action.path);
  const href = !external && action.path.startsWith('/') ? api.url(action.path) : action.path;
  return (
    <a className="button button--secondary" href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
      {action.label}
      {external && <span className="visually-hidden"> (opens in a new tab)</span>}
    </a>
  );
}

function PurchaseButton({ action, widgetId, subject }: Props) {
  const { api, identity, onChanged, requestSignIn } = useWidgetEnvironment();
  const [state, setState] = useState<State>({ kind: 'idle' });

  if (identity.kind === 'anonymous') {
    return (
      <div className="action">
        <button type="button" className="button button--secondary" data-action="sign-in" onClick={requestSignIn} aria-label={`Sign in to buy ${subject}`}>
          Sign in to buy
        </button>
      </div>
    );
  }

  const buy = async () => {
    setState({ kind: 'progress' });
    const outcome = await api.purchase(action, widgetId, identity);
    switch (outcome.kind) {
      case 'success':
        setState({ kind: 'success' });
        onChanged();
        break;
      case 'conflict':
        setState({ kind: 'conflict', detail: outcome.detail });
        onChanged();
        break;
      case 'unauthorized':
        setState({ kind: 'sign-in' });
        break;
      case 'error':
        setState({ kind: 'error', message: outcome.message });
        break;
    }
  };

  const busy = state.kind === 'progress';
  const done = state.kind === 'success' || state.kind === 'conflict';
  return (
    <div className="action">
      <button
        type="button"
        className={`button ${done ? 'button--done' : 'button--primary'}`}
        data-action="purchase"
        onClick={buy}
        disabled={busy || done}
        aria-busy={busy}
        aria-label={busy ? `Buying ${subject}…` : `${action.label}: ${subject}`}
      >
        {busy && <span className="spinner" aria-hidden="true" />}
        {busy ? 'Processing…' : done ? '✓ Yours' : action.label}
      </button>
      <p className={`action__message action__message--${state.kind}`} role="status" aria-live="polite">
        {state.kind === 'success' && 'Done! The contract is yours.'}
        {state.kind === 'conflict' && (
          <>
            Good news: you already have this contract.{state.detail ? <span className="action__detail"> {state.detail}</span> : null}
          </>
        )}
        {state.kind === 'sign-in' && (
          <>
            Please sign in again to buy this.{' '}
            <button type="button" className="link-button" onClick={requestSignIn}>
              Sign in
            </button>
          </>
        )}
        {state.kind === 'error' && (
`That did not work (${state.message}). Please try again.`
        )}
      </p>
    </div>
  );
}

import { useCallback, useRef, useState } from 'react';
import { ANONYMOUS, type CoreApi, type Identity } from './coreApi';

const STORAGE_KEY = 'homeWidgets.identity';

/** The demo users of the local platform's seed data. */
export const DEMO_USERS = [123, 456] as const;

export function storedIdentity(storage: Storage | undefined = globalThis.localStorage): Identity {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return ANONYMOUS;
    const value = JSON.parse(raw) as { userId?: unknown; token?: unknown };
    if (typeof value.userId === 'number' && typeof value.token === 'string') return { kind: 'user', userId: value.userId, token: value.token };
  } catch {
    // ignore unreadable storage
  }
  return ANONYMOUS;
}

function store(identity: Identity): void {
  try {
    if (identity.kind === 'user') localStorage.setItem(STORAGE_KEY, JSON.stringify({ userId: identity.userId, token: identity.token }));
    else localStorage.removeItem(STORAGE_KEY);
  } catch {
    // private mode etc.: the identity just does not survive a reload
  }
}

export interface IdentityControl {
  identity: Identity;
  pending: boolean;
  /** While signing in: the user id being switched to (so the control reflects the choice at once). */
  switchingTo: number | null | undefined;
  error: string | undefined;
  /** `null` signs out (anonymous). */
  switchTo(userId: number | null): Promise<void>;
  /** The token was rejected: continue anonymously and say why. */
  expire(message: string): void;
}

/** Who the user is: anonymous, or a demo user signed in through the core's dev token endpoint. */
export function useIdentity(api: CoreApi, initial: Identity = storedIdentity()): IdentityControl {
  const [identity, setIdentity] = useState<Identity>(initial);
  const [switchingTo, setSwitchingTo] = useState<number | null | undefined>(undefined);
  const [error, setError] = useState<string>();
  const latest = useRef(0);

  const switchTo = useCallback(
    async (userId: number | null) => {
      // The last choice wins, even if an earlier sign-in answers later.
      const request = ++latest.current;
      setError(undefined);
      if (userId === null) {
        setSwitchingTo(undefined);
        store(ANONYMOUS);
        setIdentity(ANONYMOUS);
        return;
      }
      setSwitchingTo(userId);
      try {
        const next = await api.devToken(userId);
        if (request !== latest.current) return;
        store(next);
        setIdentity(next);
      } catch (e) {
        if (request !== latest.current) return;
        setError(e instanceof Error ? e.message : String(e));
      }
      setSwitchingTo(undefined);
    },
    [api],
  );

  const expire = useCallback((message: string) => {
    store(ANONYMOUS);
    setIdentity(ANONYMOUS);
    setError(message);
  }, []);

  return { identity, pending: switchingTo !== undefined, switchingTo, error, switchTo, expire };
}

import { createContext, useContext } from 'react';
import { ANONYMOUS, CoreApi, type Identity } from '../api';

export interface WidgetEnvironment {
  api: CoreApi;
  identity: Identity;
  /** Something the user did changed their data (purchase): refresh what is on screen. */
  onChanged(): void;
  /** An anonymous user wants to buy: take them to the sign-in control. */
  requestSignIn(): void;
}

const noop = () => {};

export const WidgetEnvironmentContext = createContext<WidgetEnvironment>({
  api: new CoreApi(''),
  identity: ANONYMOUS,
  onChanged: noop,
  requestSignIn: noop,
});

export function useWidgetEnvironment(): WidgetEnvironment {
  return useContext(WidgetEnvironmentContext);
}

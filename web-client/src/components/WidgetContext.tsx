import { createContext, useContext } from 'react';
import { ANONYMOUS, CoreApi, type Identity } from '../core-api/coreApi';

export interface WidgetEnvironment {
  api: CoreApi;
  identity: Identity;
  /** Origin for relative image URLs; empty = this page's origin. */
  imageBaseUrl: string;
  /** Something the user did changed their data (purchase): refresh what is on screen. */
  onChanged(): void;
  /** An anonymous user wants to buy: take them to the sign-in control. */
  requestSignIn(): void;
}

const noop = () => {};

export const WidgetEnvironmentContext = createContext<WidgetEnvironment>({
  api: new CoreApi(''),
  identity: ANONYMOUS,
  imageBaseUrl: '',
  onChanged: noop,
  requestSignIn: noop,
});

export function useWidgetEnvironment(): WidgetEnvironment {
  return useContext(WidgetEnvironmentContext);
}

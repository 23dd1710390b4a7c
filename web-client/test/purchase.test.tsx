import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Card } from '../src/components/Card';
import { widget } from './fixtures';
import { stubFetch } from './fakes';
import { deferred, jsonResponse, renderWidget, USER_123 } from './render';

const card = widget('valid/widget-card.json');
const BUY = 'Jetzt abschließen: Kfz-Versicherung DEVK';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('purchase button', () => {
  it('goes idle → progress → success and sends the action as the contract says', async () => {
    const reply = deferred<Response>();
    const { callsTo } = stubFetch({ 'POST /widget/car-insurance/contract': () => reply.promise });
    const { onChanged } = renderWidget(<Card widget={card} />, { identity: USER_123 });

    fireEvent.click(screen.getByRole('button', { name: BUY }));

    const busy = await screen.findByRole('button', { name: 'Buying Kfz-Versicherung DEVK…' });
    expect(busy).toBeDisabled();
    expect(busy).toHaveAttribute('aria-busy', 'true');
    expect(busy).toHaveTextContent('Processing…');

    const [call] = callsTo('POST', '/widget/car-insurance/contract');
    expect(call?.url).toBe('http://core.test/widget/car-insurance/contract');
    expect(call?.body).toEqual({ user_id: 123, widget_id: 'car_insurance_devk_offer_123' });
    expect(call?.headers).toMatchObject({ authorization: 'Bearer token-123', 'content-type': 'application/json' });

    reply.resolve(jsonResponse(201, { contract_id: 1 }));
    expect(await screen.findByText('Done! The contract is yours.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: BUY })).toBeDisabled();
    expect(screen.getByRole('button', { name: BUY })).toHaveTextContent('✓ Yours');
    expect(onChanged).toHaveBeenCalledOnce();
  });

  it('reads a 409 as a friendly "you already have it", with the ProblemDetail', async () => {
    stubFetch({
      'POST /widget/car-insurance/contract': () =>
        jsonResponse(409, { type: 'about:blank', title: 'Conflict', status: 409, detail: 'User 123 already has car_insurance_devk_offer_123' }),
    });
    renderWidget(<Card widget={card} />, { identity: USER_123 });
    fireEvent.click(screen.getByRole('button', { name: BUY }));
    const message = await screen.findByText(/Good news: you already have this contract\./);
    expect(message).toHaveTextContent('User 123 already has car_insurance_devk_offer_123');
    expect(message).not.toHaveTextContent(/error|wrong|409/i);
  });

  it('shows an error and lets the user try again', async () => {
    const { callsTo } = stubFetch({
      'POST /widget/car-insurance/contract': [() => jsonResponse(500, { title: 'Internal Server Error', detail: 'boom' }), () => jsonResponse(201, {})],
    });
    const { onChanged } = renderWidget(<Card widget={card} />, { identity: USER_123 });
    fireEvent.click(screen.getByRole('button', { name: BUY }));
    expect(await screen.findByText('That did not work (boom). Please try again.')).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();

    const button = screen.getByRole('button', { name: BUY });
    expect(button).toBeEnabled();
    fireEvent.click(button);
    expect(await screen.findByText('Done! The contract is yours.')).toBeInTheDocument();
    expect(callsTo('POST', '/widget/car-insurance/contract')).toHaveLength(2);
  });

  it('shows an error when the core cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    renderWidget(<Card widget={card} />, { identity: USER_123 });
    fireEvent.click(screen.getByRole('button', { name: BUY }));
    expect(await screen.findByText(/That did not work \(The service could not be reached/)).toBeInTheDocument();
  });

  it.each([401, 403])('asks to sign in on %i', async (status) => {
    stubFetch({ 'POST /widget/car-insurance/contract': () => jsonResponse(status, { title: 'Unauthorized' }) });
    const { requestSignIn } = renderWidget(<Card widget={card} />, { identity: USER_123 });
    fireEvent.click(screen.getByRole('button', { name: BUY }));
    expect(await screen.findByText(/Please sign in again to buy this\./)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(requestSignIn).toHaveBeenCalledOnce();
  });

  it('never calls the core for anonymous users', async () => {
    const { fetchMock } = stubFetch({});
    renderWidget(<Card widget={card} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in to buy Kfz-Versicherung DEVK' }));
    await waitFor(() => expect(fetchMock).not.toHaveBeenCalled());
  });
});

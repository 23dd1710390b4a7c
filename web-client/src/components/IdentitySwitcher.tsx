import { forwardRef } from 'react';
import type { IdentityControl } from '../core-api/identity';
import { DEMO_USERS } from '../core-api/identity';

/** Anonymous or one of the local platform's demo users, signed in through GET /dev/token. */
export const IdentitySwitcher = forwardRef<HTMLFieldSetElement, { control: IdentityControl }>(function IdentitySwitcher({ control }, ref) {
  const { identity, pending, switchingTo, error, switchTo } = control;
  const selected = switchingTo !== undefined ? switchingTo : identity.kind === 'user' ? identity.userId : null;
  const current = selected === null ? 'anonymous' : String(selected);
  const options: Array<{ value: string; label: string; userId: number | null }> = [
    { value: 'anonymous', label: 'Anonymous', userId: null },
    ...DEMO_USERS.map((id) => ({ value: String(id), label: `Demo user ${id}`, userId: id })),
  ];
  return (
    <div className="identity">
      <fieldset ref={ref} className="identity__options" aria-busy={pending} aria-describedby={error ? 'identity-error' : undefined} tabIndex={-1}>
        <legend className="identity__legend">Browse as</legend>
        {options.map((option) => (
          <label key={option.value} className="identity__option">
            <input
              type="radio"
              name="identity"
              value={option.value}
              checked={current === option.value}
              onChange={() => void switchTo(option.userId)}
            />
            <span>{option.label}</span>
          </label>
        ))}
      </fieldset>
      <p className="identity__status" role="status" aria-live="polite">
        {pending ? 'Signing in…' : identity.kind === 'user' ? `Signed in as user ${identity.userId}` : 'Not signed in'}
      </p>
      {error && (
        <p id="identity-error" className="identity__error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
});

export function ErrorState({ message, onRetry }: { message: string; onRetry(): void }) {
  return (
    <div className="error-state" role="alert">
      <h2 className="error-state__title">We could not load your offers</h2>
      <p>{message}</p>
      <button type="button" className="button button--primary" onClick={onRetry}>
        Try again
      </button>
    </div>
  );
}

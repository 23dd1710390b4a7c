/** Placeholder shapes while the home page loads. */
export function HomeSkeleton() {
  return (
    <div className="sections" aria-hidden="true" data-testid="home-skeleton">
      {[0, 1, 2, 3].map((s) => (
        <div key={s} className="service-section skeleton-section">
          <div className="skeleton skeleton--heading" />
          <div className="widgets">
            {[0, 1].map((c) => (
              <div key={c} className="widget card skeleton-card">
                <div className="skeleton skeleton--image" />
                <div className="card__body">
                  <div className="skeleton skeleton--line" />
                  <div className="skeleton skeleton--line skeleton--short" />
                  <div className="skeleton skeleton--line" />
                </div>
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}

export function LinesSkeleton({ lines = 2 }: { lines?: number }) {
  return (
    <div aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className={`skeleton skeleton--line ${i % 2 ? 'skeleton--short' : ''}`} />
      ))}
    </div>
  );
}

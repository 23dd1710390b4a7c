import { formatScore, starFill } from '../format/rating';

/** Five stars and the score; screen readers hear "Rating 4,8 out of 5". */
export function Stars({ score }: { score: number }) {
  const label = `Rating ${formatScore(score)} out of 5`;
  return (
    <p className="rating" role="img" aria-label={label}>
      <span className="stars" aria-hidden="true">
        {starFill(score).map((fill, i) => (
          <span key={i} className={`star star--${fill}`}>
            ★
          </span>
        ))}
      </span>
      <span className="rating__score" aria-hidden="true">
        {formatScore(score)}
      </span>
    </p>
  );
}

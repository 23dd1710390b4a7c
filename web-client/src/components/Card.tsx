import { FALLBACK_WIDGET_ID, isPricing, isRating, type Widget } from '../core-api/sdui';
import { ActionButton } from './ActionButton';
import { Price } from './Price';
import { SmartImage } from './SmartImage';
import { Stars } from './Stars';

export function Card({ widget }: { widget: Widget }) {
  const { data, action } = widget;
  const title = data.title ?? '';
  const headingId = `w-${widget.widget_id}-title`;
  if (widget.widget_id === FALLBACK_WIDGET_ID) return <FallbackCard widget={widget} headingId={headingId} />;
  return (
    <article className="widget card" data-widget-id={widget.widget_id} data-component="Card" aria-labelledby={headingId}>
      <SmartImage src={data.image_url} alt={title} widgetId={widget.widget_id} className="card__image" />
      <div className="card__body">
        {data.badge && <p className="badge">{data.badge}</p>}
        <h3 id={headingId} className="card__title">
          {title}
        </h3>
        {data.subtitle && <p className="card__subtitle">{data.subtitle}</p>}
        {isRating(data.rating) && <Stars score={data.rating.score} />}
        {data.content && <p className="card__content">{data.content}</p>}
        {Array.isArray(data.highlights) && data.highlights.length > 0 && (
          <ul className="highlights">
            {data.highlights.map((highlight, i) => (
              <li key={i}>{highlight}</li>
            ))}
          </ul>
        )}
        {(isPricing(data.pricing) || action) && (
          <div className="card__footer">
            {isPricing(data.pricing) && <Price pricing={data.pricing} />}
            {action && <ActionButton action={action} widgetId={widget.widget_id} subject={title} />}
          </div>
        )}
      </div>
    </article>
  );
}

/** The card the core sends for a section whose product service is down. */
function FallbackCard({ widget, headingId }: { widget: Widget; headingId: string }) {
  return (
    <article className="widget card card--fallback" data-widget-id={widget.widget_id} data-component="Card" aria-labelledby={headingId}>
      <div className="card__body">
        <svg className="fallback__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2 1 21h22L12 2Zm0 4.8L19.5 19h-15L12 6.8ZM11 10v5h2v-5h-2Zm0 6v2h2v-2h-2Z" />
        </svg>
        <h3 id={headingId} className="card__title">
          {widget.data.title}
        </h3>
        {widget.data.content && <p className="card__content">{widget.data.content}</p>}
      </div>
    </article>
  );
}

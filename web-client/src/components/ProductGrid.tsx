import { isPricing, isRating, type ProductTile, type Widget } from '../core-api/sdui';
import { ActionButton } from './ActionButton';
import { Price } from './Price';
import { SmartImage } from './SmartImage';
import { Stars } from './Stars';

function isTile(value: unknown): value is ProductTile {
  return typeof value === 'object' && value !== null && typeof (value as ProductTile).title === 'string';
}

export function ProductGrid({ widget }: { widget: Widget }) {
  const { data, action } = widget;
  const tiles = (data.items ?? []).filter(isTile);
  const headingId = `w-${widget.widget_id}-title`;
  return (
    <section className="widget product-grid" data-widget-id={widget.widget_id} data-component="ProductGrid" aria-labelledby={headingId}>
      <h3 id={headingId} className="product-grid__title">
        {data.title ?? 'Products'}
      </h3>
      {data.subtitle && <p className="product-grid__subtitle">{data.subtitle}</p>}
      <ul className="tiles">
        {tiles.map((tile, i) => (
          <li key={`${tile.title}-${i}`} className="tile">
            <SmartImage src={tile.image_url} alt={tile.title} widgetId={widget.widget_id} className="tile__image" />
            <h4 className="tile__title">{tile.title}</h4>
            {tile.subtitle && <p className="tile__subtitle">{tile.subtitle}</p>}
            {isRating(tile.rating) && <Stars score={tile.rating.score} />}
            {isPricing(tile.pricing) && <Price pricing={tile.pricing} />}
          </li>
        ))}
      </ul>
      {action && <ActionButton action={action} widgetId={widget.widget_id} subject={data.title ?? ''} />}
    </section>
  );
}

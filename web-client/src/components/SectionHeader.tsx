import type { Widget } from '../core-api/sdui';

export function SectionHeader({ widget }: { widget: Widget }) {
  const { data } = widget;
  return (
    <header className="widget section-header" data-widget-id={widget.widget_id} data-component="SectionHeader">
      <h3 className="section-header__title">{data.title}</h3>
      {data.subtitle && <p className="section-header__subtitle">{data.subtitle}</p>}
    </header>
  );
}

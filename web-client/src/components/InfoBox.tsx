import type { Widget } from '../core-api/sdui';
import { ActionButton } from './ActionButton';

const TONES = new Set(['info', 'success', 'warning']);
const ICONS: Record<string, string> = { info: 'ℹ', success: '✓', warning: '!' };
const TONE_NAMES: Record<string, string> = { info: 'Information', success: 'Good to know', warning: 'Attention' };

export function InfoBox({ widget }: { widget: Widget }) {
  const { data, action } = widget;
  const tone = data.tone && TONES.has(data.tone) ? data.tone : 'info';
  const headingId = `w-${widget.widget_id}-title`;
  return (
    <aside className={`widget infobox infobox--${tone}`} data-widget-id={widget.widget_id} data-component="InfoBox" aria-labelledby={headingId}>
      <span className="infobox__icon" aria-hidden="true">
        {ICONS[tone]}
      </span>
      <div className="infobox__body">
        <h3 id={headingId} className="infobox__title">
          <span className="visually-hidden">{TONE_NAMES[tone]}: </span>
          {data.title}
        </h3>
        {data.content && <p className="infobox__content">{data.content}</p>}
        {action && <ActionButton action={action} widgetId={widget.widget_id} subject={data.title ?? ''} />}
      </div>
    </aside>
  );
}

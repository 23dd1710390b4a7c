import { Component, type ComponentType, type ReactNode } from 'react';
import { isRenderable, renderableByPriority, type Widget } from '../core-api/sdui';
import { Card } from './Card';
import { InfoBox } from './InfoBox';
import { ProductGrid } from './ProductGrid';
import { SectionHeader } from './SectionHeader';

const COMPONENTS: Record<Widget['component_type'], ComponentType<{ widget: Widget }>> = {
  Card,
  InfoBox,
  ProductGrid,
  SectionHeader,
};

/** Keeps one broken widget from taking the page down with it. */
class WidgetBoundary extends Component<{ widgetId: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: unknown): void {
    console.warn(`widget ${this.props.widgetId} could not be rendered`, error);
  }

  override render(): ReactNode {
    return this.state.failed ? null : this.props.children;
  }
}

/** Renders one widget by its component type; anything this client cannot render yields nothing. */
export function WidgetRenderer({ widget }: { widget: unknown }) {
  if (!isRenderable(widget)) return null;
  const Rendered = COMPONENTS[widget.component_type];
  return (
    <WidgetBoundary widgetId={widget.widget_id}>
      <Rendered widget={widget} />
    </WidgetBoundary>
  );
}

/** A section's widgets in priority order; unknown types are skipped. */
export function WidgetList({ widgets }: { widgets: readonly unknown[] }) {
  const renderable = renderableByPriority(widgets);
  return (
    <div className="widgets">
      {renderable.map((widget) => (
        <div key={widget.widget_id} className={`widget-slot widget-slot--${widget.component_type}`}>
          <WidgetRenderer widget={widget} />
        </div>
      ))}
    </div>
  );
}

import { orderedSectionKeys, readableSectionName, renderableByPriority, type HomeResponse, type ServiceSection } from '../core-api/sdui';
import { WidgetList } from './WidgetRenderer';

export function Section({ sectionKey, section }: { sectionKey: string; section: ServiceSection }) {
  const headingId = `section-${sectionKey}-title`;
  const widgets = Array.isArray(section.widgets) ? section.widgets : [];
  const empty = renderableByPriority(widgets).length === 0;
  const title = typeof section.title === 'string' && section.title ? section.title : readableSectionName(sectionKey);
  return (
    <section className="service-section" data-service={sectionKey} aria-labelledby={headingId}>
      <h2 id={headingId} className="service-section__title">
        {title}
      </h2>
      {empty ? <p className="service-section__empty">No offers here right now.</p> : <WidgetList widgets={widgets} />}
    </section>
  );
}

/**
 * Every section the server sends, in its `section_order`, with the titles it sends: a new product's
 * section appears without a client release.
 */
export function HomeView({ home }: { home: HomeResponse }) {
  return (
    <div className="sections">
      {orderedSectionKeys(home).map((key) => {
        const section = home.services[key];
        return section ? <Section key={key} sectionKey={key} section={section} /> : null;
      })}
    </div>
  );
}

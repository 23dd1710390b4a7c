import { orderedSectionKeys, renderableByPriority, type HomeResponse, type ServiceSection } from '../contract';
import { WidgetList } from './WidgetRenderer';

export function Section({ sectionKey, section }: { sectionKey: string; section: ServiceSection }) {
  const headingId = `section-${sectionKey}-title`;
  const widgets = Array.isArray(section.widgets) ? section.widgets : [];
  const empty = renderableByPriority(widgets).length === 0;
  return (
    <section className="service-section" data-service={sectionKey} aria-labelledby={headingId}>
      <h2 id={headingId} className="service-section__title">
        {section.title}
      </h2>
      {empty ? <p className="service-section__empty">No offers here right now.</p> : <WidgetList widgets={widgets} />}
    </section>
  );
}

/** All sections of the home page in their fixed order. */
export function HomeView({ home }: { home: HomeResponse }) {
  return (
    <div className="sections">
      {orderedSectionKeys(home.services).map((key) => {
        const section = home.services[key];
        return section ? <Section key={key} sectionKey={key} section={section} /> : null;
      })}
    </div>
  );
}

import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HomeView } from '../src/components/HomeView';
import { WidgetList, WidgetRenderer } from '../src/components/WidgetRenderer';
import { isRenderable, orderedSectionKeys, serviceUrlKey, type HomeResponse } from '../src/core-api/sdui';
import { example, home, vectorsFor, widget } from './fixtures';
import { renderWidget } from './render';

describe('WidgetRenderer', () => {
  it.each(vectorsFor('widget', true).map((v) => [v.file, v.description]))('renders the valid vector %s (%s)', (file) => {
    const doc = widget(file);
    const { container } = renderWidget(<WidgetRenderer widget={doc} />);
    expect(container.querySelector(`[data-widget-id="${doc.widget_id}"]`)).toHaveAttribute('data-component', doc.component_type);
  });

  it('skips an unknown component type (invalid/widget-unknown-component-type.json: Carousel) without crashing', () => {
    const carousel = example('invalid/widget-unknown-component-type.json');
    const { container } = renderWidget(<WidgetRenderer widget={carousel} />);
    expect(container).toBeEmptyDOMElement();
  });

  it('renders the others of a section when one of them has an unknown type', () => {
    const widgets = [widget('valid/widget-card.json'), example('invalid/widget-unknown-component-type.json'), widget('valid/widget-info-box.json')];
    const { container } = renderWidget(<WidgetList widgets={widgets} />);
    expect([...container.querySelectorAll('[data-widget-id]')].map((e) => e.getAttribute('data-widget-id'))).toEqual([
      'car_insurance_devk_offer_123',
      'health_insurance_info_beitrag_2025',
    ]);
  });

  // Invalid documents should never reach a client (the core validates), but a client must not fall over if one does.
  it.each(vectorsFor('widget', false).map((v) => [v.file, v.description]))('does not crash on the invalid vector %s (%s)', (file) => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}); // unsafe actions and URLs are reported
    const doc = example(file);
    expect(() => renderWidget(<WidgetRenderer widget={doc} />)).not.toThrow();
  });

  it('skips what it cannot render: no title, no or empty ProductGrid items', () => {
    for (const file of ['invalid/widget-card-without-title.json', 'invalid/widget-product-grid-without-items.json', 'invalid/widget-product-grid-empty-items.json', 'invalid/widget-missing-widget-id.json', 'invalid/widget-empty-widget-id.json']) {
      expect(isRenderable(example(file)), file).toBe(false);
    }
  });

  it('orders widgets by priority, lower first', () => {
    const [a, b, c] = ['valid/widget-product-grid.json', 'valid/widget-card.json', 'valid/widget-section-header.json'].map(widget);
    const { container } = renderWidget(<WidgetList widgets={[a, b, c]} />);
    expect([...container.querySelectorAll('[data-widget-id]')].map((e) => e.getAttribute('data-component'))).toEqual(['SectionHeader', 'Card', 'ProductGrid']);
  });

  it('keeps one crashing widget from taking the page down', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // An object where a string belongs makes React throw while rendering the card.
    const bad = { ...widget('valid/widget-card.json'), widget_id: 'bad', data: { title: 'Bad', highlights: [{ text: 'not a string' }] } };
    const good = widget('valid/widget-info-box.json');
    const { container } = renderWidget(<WidgetList widgets={[bad, good]} />);
    expect(container.querySelector('[data-widget-id="bad"]')).toBeNull();
    expect(screen.getByRole('complementary')).toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith('widget bad could not be rendered', expect.anything());
  });
});

const sectionKeys = () => screen.getAllByRole('region').filter((r) => r.classList.contains('service-section')).map((s) => s.getAttribute('data-service'));
const sectionHeadings = () => screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent);

describe('HomeView (valid/home-response.json)', () => {
  it('shows the sections in the server\'s section_order with the titles the server sends', () => {
    renderWidget(<HomeView home={home()} />);
    expect(sectionKeys()).toEqual(home().section_order);
    expect(sectionHeadings()).toEqual(['Kfz-Versicherung', 'Krankenversicherung', 'Hausratversicherung', 'Konto & Karte']);
  });

  it('follows section_order, not the JSON key order (valid/home-response-new-section.json)', () => {
    const doc = example<HomeResponse>('valid/home-response-new-section.json');
    expect(Object.keys(doc.services)).toEqual(['health_insurance', 'electricity', 'car_insurance']);
    renderWidget(<HomeView home={doc} />);
    expect(sectionKeys()).toEqual(['car_insurance', 'electricity', 'health_insurance']);
  });

  it('renders a section this client was never built for (electricity) like any other', () => {
    renderWidget(<HomeView home={example<HomeResponse>('valid/home-response-new-section.json')} />);
    const electricity = screen.getByRole('region', { name: 'Strom' });
    const offer = within(electricity).getByRole('article', { name: 'Ökostrom Regional' });
    expect(offer).toHaveTextContent('74,00 € / Monat');
    expect(within(offer).getByRole('img', { name: 'Ökostrom Regional' })).toHaveAttribute(
      'src',
      'https://cdn.homewidgets.example/images/electricity/green-4f1b9e.svg',
    );
    expect(within(offer).getByRole('button', { name: 'Sign in to buy Ökostrom Regional' })).toBeInTheDocument();
  });

  it('renders a new order when the server sends one, without a client change', () => {
    const doc = home();
    renderWidget(<HomeView home={{ ...doc, section_order: ['banking', 'house_insurance', 'car_insurance', 'health_insurance'] }} />);
    expect(sectionHeadings()).toEqual(['Konto & Karte', 'Hausratversicherung', 'Kfz-Versicherung', 'Krankenversicherung']);
  });

  it('falls back to the JSON key order when section_order is absent (an older core)', () => {
    const { section_order: _unused, ...doc } = home();
    const reversed = { ...doc, services: Object.fromEntries(Object.entries(doc.services).reverse()) } as HomeResponse;
    renderWidget(<HomeView home={reversed} />);
    expect(sectionKeys()).toEqual(['banking', 'house_insurance', 'health_insurance', 'car_insurance']);
  });

  it('skips names without a section and shows sections section_order forgot at the end', () => {
    const doc = home();
    const odd = { ...doc, section_order: ['pets', 'banking', 'banking', 'car_insurance'] };
    expect(orderedSectionKeys(odd)).toEqual(['banking', 'car_insurance', 'health_insurance', 'house_insurance']);
    expect(orderedSectionKeys({ ...doc, section_order: 'car_insurance' as unknown as string[] })).toEqual(Object.keys(doc.services));
  });

  it('renders the fallback card in the section whose service is down', () => {
    renderWidget(<HomeView home={home()} />);
    const house = screen.getByRole('region', { name: 'Hausratversicherung' });
    expect(within(house).getByRole('article', { name: 'Service Temporarily Unavailable' })).toHaveClass('card--fallback');
  });

  it('renders every widget of the example home', () => {
    const { container } = render(<HomeView home={home()} />);
    expect([...container.querySelectorAll('[data-widget-id]')].map((e) => e.getAttribute('data-widget-id'))).toEqual([
      'car_insurance_devk_offer_123',
      'health_insurance_tk_offer_77',
      'health_insurance_info_beitrag_2025',
      'fallback_error_card',
      'banking_credit_cards_grid',
    ]);
  });

  it('says so when a section has nothing to show (e.g. after buying its only offer)', () => {
    const doc = home();
    renderWidget(<HomeView home={{ ...doc, services: { ...doc.services, car_insurance: { title: 'Kfz-Versicherung', widgets: [] } } }} />);
    expect(within(screen.getByRole('region', { name: 'Kfz-Versicherung' })).getByText('No offers here right now.')).toBeInTheDocument();
  });
});

describe('serviceUrlKey', () => {
  it('maps section keys to the URL keys of the contract routes', () => {
    expect(['car_insurance', 'health_insurance', 'house_insurance', 'banking', 'electricity'].map(serviceUrlKey)).toEqual([
      'car-insurance',
      'health-insurance',
      'house-insurance',
      'banking',
      'electricity',
    ]);
  });
});

import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { HomeView } from '../src/components/HomeView';
import { WidgetList, WidgetRenderer } from '../src/components/WidgetRenderer';
import { isRenderable, orderedSectionKeys, serviceUrlKey, type HomeResponse } from '../src/contract';
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

describe('HomeView (valid/home-response.json)', () => {
  it('shows the four sections in the fixed order with their titles', () => {
    renderWidget(<HomeView home={home()} />);
    const sections = screen.getAllByRole('region').filter((r) => r.classList.contains('service-section'));
    expect(sections.map((s) => s.getAttribute('data-service'))).toEqual(['car_insurance', 'health_insurance', 'house_insurance', 'banking']);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual([
      'Kfz-Versicherung',
      'Krankenversicherung',
      'Hausratversicherung',
      'Konto & Karte',
    ]);
  });

  it('keeps the fixed order whatever order the JSON has, and shows extra sections last', () => {
    const doc = home();
    const reversed: HomeResponse = {
      ...doc,
      services: { pets: { title: 'Pets', widgets: [] }, ...Object.fromEntries(Object.entries(doc.services).reverse()) },
    };
    expect(orderedSectionKeys(reversed.services)).toEqual(['car_insurance', 'health_insurance', 'house_insurance', 'banking', 'pets']);
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
    expect(['car_insurance', 'health_insurance', 'house_insurance', 'banking'].map(serviceUrlKey)).toEqual([
      'car-insurance',
      'health-insurance',
      'house-insurance',
      'banking',
    ]);
  });
});

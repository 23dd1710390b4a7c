import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Card } from '../src/components/Card';
import { InfoBox } from '../src/components/InfoBox';
import { ProductGrid } from '../src/components/ProductGrid';
import { SectionHeader } from '../src/components/SectionHeader';
import { widget } from './fixtures';
import { renderWidget, USER_123 } from './render';

describe('Card (valid/widget-card.json)', () => {
  const card = widget('valid/widget-card.json');

  it('shows title, subtitle, content, badge, highlights, price and rating', () => {
    renderWidget(<Card widget={card} />);
    const article = screen.getByRole('article', { name: 'Kfz-Versicherung DEVK' });
    expect(within(article).getByRole('heading', { level: 3, name: 'Kfz-Versicherung DEVK' })).toBeInTheDocument();
    expect(article).toHaveTextContent('Top-Angebot für Ihren VW Golf');
    expect(article).toHaveTextContent('Vollkasko mit 300 € Selbstbeteiligung');
    expect(within(article).getByText('Testsieger')).toBeInTheDocument();
    expect(within(article).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Werkstattbindung optional',
      'Rabattschutz inklusive',
      'Monatlich kündbar',
    ]);
    expect(within(article).getByText('89,00 € / Monat')).toBeInTheDocument();
    expect(within(article).getByRole('img', { name: 'Rating 4,8 out of 5' })).toHaveTextContent('4,8');
  });

  it('shows the image the widget names, with the title as alt text', () => {
    renderWidget(<Card widget={card} />);
    const image = screen.getByRole('img', { name: 'Kfz-Versicherung DEVK' });
    expect(image.tagName).toBe('IMG');
    expect(image).toHaveAttribute('src', '/images/car-insurance/devk-5c1e2f.svg');
    expect(screen.queryByTestId('image-placeholder')).toBeNull();
  });

  it('loads a relative image from the configured image origin, an absolute one from where it says', () => {
    renderWidget(<Card widget={card} />, { imageBaseUrl: 'https://cdn.homewidgets.example' });
    expect(screen.getByRole('img', { name: 'Kfz-Versicherung DEVK' })).toHaveAttribute(
      'src',
      'https://cdn.homewidgets.example/images/car-insurance/devk-5c1e2f.svg',
    );
    const cdnCard = { ...card, data: { ...card.data, image_url: 'https://img.example/devk.svg' } };
    renderWidget(<Card widget={{ ...cdnCard, widget_id: 'cdn' }} />, { imageBaseUrl: 'https://cdn.homewidgets.example' });
    expect(screen.getAllByRole('img', { name: 'Kfz-Versicherung DEVK' })[1]).toHaveAttribute('src', 'https://img.example/devk.svg');
  });

  it('shows a placeholder only when the image fails to load', () => {
    renderWidget(<Card widget={card} />);
    fireEvent.error(screen.getByRole('img', { name: 'Kfz-Versicherung DEVK' }));
    const placeholder = screen.getByRole('img', { name: 'Kfz-Versicherung DEVK' });
    expect(placeholder.tagName).toBe('DIV');
    expect(placeholder).toHaveAttribute('data-testid', 'image-placeholder');
  });

  it('shows no image and no placeholder when the widget names none', () => {
    const { image_url: _unused, ...data } = card.data;
    renderWidget(<Card widget={{ ...card, data }} />);
    const article = screen.getByRole('article', { name: 'Kfz-Versicherung DEVK' });
    expect(within(article).queryByRole('img', { name: 'Kfz-Versicherung DEVK' })).toBeNull();
    expect(within(article).queryByTestId('image-placeholder')).toBeNull();
  });

  it('asks anonymous users to sign in instead of buying', () => {
    const { requestSignIn } = renderWidget(<Card widget={card} />);
    const button = screen.getByRole('button', { name: 'Sign in to buy Kfz-Versicherung DEVK' });
    fireEvent.click(button);
    expect(requestSignIn).toHaveBeenCalledOnce();
  });

  it('offers the purchase action to signed-in users as a keyboard-usable button', () => {
    renderWidget(<Card widget={card} />, { identity: USER_123 });
    const button = screen.getByRole('button', { name: 'Jetzt abschließen: Kfz-Versicherung DEVK' });
    expect(button).toHaveAttribute('type', 'button');
    expect(button).toBeEnabled();
  });
});

describe('fallback card (valid/widget-card-fallback.json)', () => {
  it('renders the "Service Temporarily Unavailable" card without image or action', () => {
    renderWidget(<Card widget={widget('valid/widget-card-fallback.json')} />);
    const article = screen.getByRole('article', { name: 'Service Temporarily Unavailable' });
    expect(article).toHaveClass('card--fallback');
    expect(article).toHaveTextContent("We're working on it. Please try again soon.");
    expect(within(article).queryByRole('button')).toBeNull();
    expect(within(article).queryByRole('img')).toBeNull();
  });
});

describe('InfoBox (valid/widget-info-box.json)', () => {
  const info = widget('valid/widget-info-box.json');

  it('shows title, content and tone', () => {
    renderWidget(<InfoBox widget={info} />);
    const box = screen.getByRole('complementary', { name: /Zusatzbeitrag 2025/ });
    expect(box).toHaveClass('infobox--warning');
    expect(within(box).getByRole('heading', { level: 3 })).toHaveTextContent('Attention: Zusatzbeitrag 2025');
    expect(box).toHaveTextContent('Viele Krankenkassen erhöhen 2025 den Zusatzbeitrag.');
  });

  it('renders a link action as a link that opens in a new tab', () => {
    renderWidget(<InfoBox widget={info} />);
    const link = screen.getByRole('link', { name: /Mehr erfahren/ });
    expect(link).toHaveAttribute('href', 'https://www.check24.de/gesetzliche-krankenversicherung/zusatzbeitrag/');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
  });

  it('defaults to the info tone', () => {
    const { tone: _unused, ...data } = info.data;
    renderWidget(<InfoBox widget={{ ...info, data }} />);
    expect(screen.getByRole('complementary')).toHaveClass('infobox--info');
  });
});

describe('ProductGrid (valid/widget-product-grid.json)', () => {
  it('renders one tile per item with price, rating and the image where there is one', () => {
    renderWidget(<ProductGrid widget={widget('valid/widget-product-grid.json')} />);
    const grid = screen.getByRole('region', { name: 'Kreditkarten im Vergleich' });
    const tiles = within(grid).getAllByRole('listitem');
    expect(tiles).toHaveLength(3);

    expect(within(tiles[0]!).getByRole('heading', { level: 4 })).toHaveTextContent('Barclays Visa');
    expect(tiles[0]).toHaveTextContent('Weltweit gebührenfrei bezahlen');
    expect(tiles[0]).toHaveTextContent('0,00 € / Jahr');
    expect(within(tiles[0]!).getByRole('img', { name: 'Rating 4,6 out of 5' })).toBeInTheDocument();
    expect(within(tiles[0]!).getByRole('img', { name: 'Barclays Visa' })).toHaveAttribute(
      'src',
      'https://cdn.homewidgets.example/images/banking/barclays-visa-0b7d41.svg',
    );

    expect(tiles[1]).toHaveTextContent('0,00 € / Monat');
    expect(within(tiles[1]!).queryByRole('img', { name: 'DKB Visa Debitkarte' })).toBeNull();

    expect(tiles[2]).toHaveTextContent('12,00 € / Monat');
    expect(within(tiles[2]!).queryByRole('img', { name: /Rating/ })).toBeNull();
  });
});

describe('SectionHeader (valid/widget-section-header.json)', () => {
  it('renders title and subtitle', () => {
    renderWidget(<SectionHeader widget={widget('valid/widget-section-header.json')} />);
    expect(screen.getByRole('heading', { level: 3, name: 'Hausratversicherung' })).toBeInTheDocument();
    expect(screen.getByText('Ihr Zuhause bestens geschützt')).toBeInTheDocument();
  });
});

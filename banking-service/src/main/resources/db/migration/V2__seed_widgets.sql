-- Banking products. user_id NULL: generic, shown to everyone; otherwise targeted at that user.
-- pricing is the monthly account or card fee.
INSERT INTO widgets (user_id, widget_id, component_type, priority, data, action) VALUES
(NULL, 'banking_section_header', 'SectionHeader', 1, '{
  "title": "Konten & Karten",
  "subtitle": "Girokonten, Kreditkarten und Tagesgeld im Vergleich"
}', NULL),
(NULL, 'banking_offer_c24_smartkonto', 'Card', 2, '{
  "title": "C24 Smartkonto",
  "subtitle": "Kostenloses Girokonto mit vier Unterkonten",
  "content": "Ohne Mindestgeldeingang, mit Mastercard Debit und bis zu 2,0 % auf Pockets.",
  "image_url": "assets/images/companies/c24.svg",
  "pricing": {"price": 0.00, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.8},
  "badge": "Kostenlos"
}', '{"type": "purchase", "label": "Konto eröffnen", "method": "POST", "path": "/widget/banking/contract"}'),
(NULL, 'banking_offer_dkb_girokonto', 'Card', 3, '{
  "title": "DKB Girokonto",
  "subtitle": "Kostenlos ab 700 € Geldeingang im Monat",
  "content": "Weltweit kostenlos Geld abheben mit der Visa Debitkarte.",
  "image_url": "assets/images/companies/dkb.svg",
  "pricing": {"price": 0.00, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.5}
}', '{"type": "purchase", "label": "Konto eröffnen", "method": "POST", "path": "/widget/banking/contract"}'),
(NULL, 'banking_offer_amex_gold', 'Card', 4, '{
  "title": "American Express Gold Card",
  "subtitle": "Reiseversicherungen und Membership Rewards",
  "image_url": "assets/images/companies/amex.svg",
  "pricing": {"price": 12.00, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.1},
  "highlights": ["Reiserücktrittsversicherung", "Mietwagen-Vollkasko"]
}', '{"type": "purchase", "label": "Karte beantragen", "method": "POST", "path": "/widget/banking/contract"}'),
(NULL, 'banking_info_einlagensicherung', 'InfoBox', 5, '{
  "title": "Einlagensicherung",
  "content": "Guthaben sind je Kunde und Bank bis 100.000 € gesetzlich geschützt.",
  "tone": "info"
}', NULL),
(123, 'banking_offer_comdirect_depot', 'Card', 1, '{
  "title": "comdirect Girokonto mit Depot",
  "subtitle": "Für Ihre Sparpläne: ETF-Sparpläne ab 1 €",
  "image_url": "assets/images/companies/comdirect.svg",
  "pricing": {"price": 4.90, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.4}
}', '{"type": "purchase", "label": "Konto eröffnen", "method": "POST", "path": "/widget/banking/contract"}'),
(456, 'banking_grid_tagesgeld', 'ProductGrid', 1, '{
  "title": "Tagesgeld mit Top-Zins für Ihre Rücklagen",
  "items": [
    {"title": "ING Extra-Konto", "subtitle": "2,75 % p. a. für 4 Monate", "image_url": "assets/images/companies/ing.svg",
     "rating": {"score": 4.6}},
    {"title": "Consorsbank Tagesgeld", "subtitle": "2,50 % p. a. für Neukunden", "image_url": "assets/images/companies/consorsbank.svg",
     "rating": {"score": 4.3}},
    {"title": "Trade Republic", "subtitle": "2,25 % p. a. ohne Befristung", "image_url": "assets/images/companies/trade-republic.svg",
     "rating": {"score": 4.4}}
  ]
}', NULL),
(456, 'banking_offer_barclays_visa', 'Card', 2, '{
  "title": "Barclays Visa",
  "subtitle": "Kreditkarte ohne Jahresgebühr",
  "content": "Weltweit gebührenfrei bezahlen, flexible Rückzahlung.",
  "image_url": "assets/images/companies/barclays.svg",
  "pricing": {"price": 0.00, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.3}
}', '{"type": "purchase", "label": "Karte beantragen", "method": "POST", "path": "/widget/banking/contract"}');

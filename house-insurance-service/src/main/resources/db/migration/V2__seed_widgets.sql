-- Home insurance offers. user_id NULL: generic, shown to everyone; otherwise targeted at that user.
INSERT INTO widgets (user_id, widget_id, component_type, priority, data, action) VALUES
(NULL, 'house_section_header', 'SectionHeader', 1, '{
  "title": "Haus & Wohnung",
  "subtitle": "Hausrat, Wohngebäude und Haftpflicht absichern"
}', NULL),
(NULL, 'house_offer_huk24_hausrat', 'Card', 2, '{
  "title": "HUK24 Hausratversicherung",
  "subtitle": "Für 80 m² inklusive Fahrraddiebstahl",
  "content": "Versicherungssumme 52.000 €, Neuwert für Ihr gesamtes Inventar.",
  "image_url": "assets/images/companies/huk24.svg",
  "pricing": {"price": 4.90, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.5},
  "badge": "Preis-Leistungs-Sieger"
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/house-insurance/contract"}'),
(NULL, 'house_offer_gothaer_elementar', 'Card', 3, '{
  "title": "Gothaer Elementarschutz",
  "subtitle": "Starkregen, Hochwasser und Rückstau",
  "content": "Ergänzt Ihre Wohngebäudeversicherung um Naturgefahren.",
  "image_url": "assets/images/companies/gothaer.svg",
  "pricing": {"price": 12.80, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.3},
  "highlights": ["Keine Selbstbeteiligung bei Rückstau", "Auch in Zone 3 versicherbar"]
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/house-insurance/contract"}'),
(NULL, 'house_info_unterversicherung', 'InfoBox', 4, '{
  "title": "Unterversicherung vermeiden",
  "content": "Setzen Sie mindestens 650 € je Quadratmeter Wohnfläche als Versicherungssumme an.",
  "tone": "warning"
}', NULL),
(123, 'house_offer_ammerlaender_haftpflicht', 'Card', 1, '{
  "title": "Ammerländer Privathaftpflicht",
  "subtitle": "Für Sie und Ihre Familie",
  "content": "50 Mio. € Deckungssumme, Schlüsselverlust und Mietsachschäden inklusive.",
  "image_url": "assets/images/companies/ammerlaender.svg",
  "pricing": {"price": 5.20, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.7}
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/house-insurance/contract"}'),
(123, 'house_grid_hausrat_hamburg', 'ProductGrid', 2, '{
  "title": "Hausrat für Ihre 65 m² in Hamburg",
  "items": [
    {"title": "DEVK Hausrat Komfort", "subtitle": "Glasbruch inklusive", "image_url": "assets/images/companies/devk.svg",
     "pricing": {"price": 5.60, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.4}},
    {"title": "Getsafe Hausrat", "subtitle": "Täglich kündbar", "image_url": "assets/images/companies/getsafe.svg",
     "pricing": {"price": 4.10, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.2}},
    {"title": "WGV Hausrat", "subtitle": "Für Beamte und Angestellte", "image_url": "assets/images/companies/wgv.svg",
     "pricing": {"price": 3.90, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.3}}
  ]
}', NULL),
(456, 'house_offer_allianz_wohngebaeude', 'Card', 1, '{
  "title": "Allianz Wohngebäudeversicherung",
  "subtitle": "Für Ihr Einfamilienhaus in Köln",
  "content": "Gleitender Neuwert, Feuer, Leitungswasser, Sturm und Hagel.",
  "image_url": "assets/images/companies/allianz.svg",
  "pricing": {"price": 38.50, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.6}
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/house-insurance/contract"}');

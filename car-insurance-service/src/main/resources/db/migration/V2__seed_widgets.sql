-- Car insurance offers. user_id NULL: generic, shown to everyone; otherwise targeted at that user.
INSERT INTO widgets (user_id, widget_id, component_type, priority, data, action) VALUES
(NULL, 'car_section_header', 'SectionHeader', 1, '{
  "title": "Kfz-Versicherung",
  "subtitle": "Bis zu 850 € im Jahr sparen – Tarife im Vergleich"
}', NULL),
(NULL, 'car_offer_huk24', 'Card', 2, '{
  "title": "HUK24 Kfz-Haftpflicht",
  "subtitle": "Günstiger Basisschutz, online abgeschlossen",
  "content": "Haftpflicht mit 100 Mio. € Deckungssumme. Schadenfreiheitsrabatt wird übernommen.",
  "image_url": "assets/images/companies/huk24.svg",
  "pricing": {"price": 39.90, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.5},
  "badge": "Preis-Tipp",
  "highlights": ["100 Mio. € Deckungssumme", "Mallorca-Police inklusive"]
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/car-insurance/contract"}'),
(NULL, 'car_offer_allianz_vollkasko', 'Card', 3, '{
  "title": "Allianz Vollkasko",
  "subtitle": "Rundumschutz inklusive Marderbiss",
  "content": "Vollkasko mit 300 € Selbstbeteiligung, Teilkasko mit 150 €.",
  "image_url": "assets/images/companies/allianz.svg",
  "pricing": {"price": 74.50, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.6},
  "highlights": ["Werkstattservice", "Neuwertentschädigung 24 Monate"]
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/car-insurance/contract"}'),
(NULL, 'car_info_stichtag', 'InfoBox', 4, '{
  "title": "Wechselstichtag 30. November",
  "content": "Bis zum 30. November kündigen und ab 1. Januar im günstigeren Tarif fahren.",
  "tone": "info"
}', NULL),
(123, 'car_offer_devk', 'Card', 1, '{
  "title": "Kfz-Versicherung DEVK",
  "subtitle": "Top-Angebot für Ihren VW Golf",
  "content": "Vollkasko. 500 € Selbstbeteiligung.",
  "image_url": "assets/images/companies/devk.svg",
  "pricing": {"price": 89.00, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.8},
  "badge": "Testsieger"
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/car-insurance/contract"}'),
(456, 'car_offer_cosmos_vollkasko', 'Card', 1, '{
  "title": "CosmosDirekt Vollkasko",
  "subtitle": "Für Ihren Opel Corsa mit Garagenstellplatz",
  "content": "Vollkasko mit 300 € Selbstbeteiligung und Rabattschutz.",
  "image_url": "assets/images/companies/cosmosdirekt.svg",
  "pricing": {"price": 58.20, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.4}
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/car-insurance/contract"}'),
(456, 'car_grid_teilkasko', 'ProductGrid', 2, '{
  "title": "Teilkasko-Tarife für Ihren Opel Corsa",
  "items": [
    {"title": "HUK24 Teilkasko", "subtitle": "150 € Selbstbeteiligung", "image_url": "assets/images/companies/huk24.svg",
     "pricing": {"price": 29.90, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.5}},
    {"title": "CosmosDirekt Teilkasko", "subtitle": "Ohne Selbstbeteiligung", "image_url": "assets/images/companies/cosmosdirekt.svg",
     "pricing": {"price": 31.40, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.3}},
    {"title": "Verti Teilkasko", "subtitle": "150 € Selbstbeteiligung", "image_url": "assets/images/companies/verti.svg",
     "pricing": {"price": 33.10, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.1}}
  ]
}', NULL);

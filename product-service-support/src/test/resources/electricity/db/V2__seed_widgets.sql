-- A fifth product with no code of its own (GenericProductApplication), for tests that add a product by
-- configuration only. Point PRODUCT_SEED_LOCATION at this folder and PRODUCT_IMAGES_LOCATION at ../images/.
INSERT INTO widgets (user_id, widget_id, component_type, priority, data, action) VALUES
(NULL, 'electricity_section_header', 'SectionHeader', 1, '{
  "title": "Strom",
  "subtitle": "Ökostrom-Tarife im Vergleich"
}', NULL),
(NULL, 'electricity_offer_gruenwerk', 'Card', 3, '{
  "title": "Grünwerk Ökostrom 12",
  "subtitle": "100 % Wasserkraft, 12 Monate Preisgarantie",
  "image_url": "/images/electricity/gruenwerk.svg",
  "pricing": {"price": 84.00, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.5}
}', '{"type": "purchase", "label": "Jetzt wechseln", "method": "POST", "path": "/widget/electricity/contract"}'),
(123, 'electricity_offer_stadtwerk_for_123', 'Card', 2, '{
  "title": "Stadtwerk Basis für Ihre 2-Zimmer-Wohnung",
  "subtitle": "Bei 1.800 kWh im Jahr",
  "image_url": "/images/electricity/stadtwerk.svg",
  "pricing": {"price": 61.50, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.2}
}', '{"type": "purchase", "label": "Jetzt wechseln", "method": "POST", "path": "/widget/electricity/contract"}');

INSERT INTO widgets (user_id, widget_id, component_type, priority, data, action) VALUES
(NULL, 'sample_header', 'SectionHeader', 1, '{"title": "Beispielprodukt"}', NULL),
(NULL, 'sample_offer', 'Card', 2,
 '{"title": "Beispiel-Tarif", "pricing": {"price": 9.90, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.1}}',
 '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/sample/contract"}'),
(123, 'sample_offer_for_123', 'Card', 3,
 '{"title": "Beispiel-Tarif für Sie", "pricing": {"price": 7.90, "currency": "€", "frequency": "Monat"}}',
 '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/sample/contract"}');

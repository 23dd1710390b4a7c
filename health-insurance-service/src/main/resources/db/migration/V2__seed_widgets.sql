-- Health insurance offers. user_id NULL: generic, shown to everyone; otherwise targeted at that user.
INSERT INTO widgets (user_id, widget_id, component_type, priority, data, action) VALUES
(NULL, 'health_section_header', 'SectionHeader', 1, '{
  "title": "Krankenversicherung",
  "subtitle": "Zusatzschutz und private Tarife im Vergleich"
}', NULL),
(NULL, 'health_offer_ergo_dental', 'Card', 2, '{
  "title": "ERGO Zahnzusatz Dental-Schutz 90",
  "subtitle": "90 % Erstattung für Zahnersatz",
  "content": "Implantate, Kronen und Inlays – ohne Wartezeit für Unfälle.",
  "image_url": "assets/images/companies/ergo.svg",
  "pricing": {"price": 21.40, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.7},
  "badge": "Testsieger Stiftung Warentest",
  "highlights": ["Professionelle Zahnreinigung inklusive", "Keine Gesundheitsfragen zu fehlenden Zähnen"]
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/health-insurance/contract"}'),
(NULL, 'health_offer_barmenia_klinik', 'Card', 3, '{
  "title": "Barmenia Krankenhauszusatz",
  "subtitle": "Einbettzimmer und Chefarztbehandlung",
  "content": "Freie Krankenhauswahl, auch Privatkliniken.",
  "image_url": "assets/images/companies/barmenia.svg",
  "pricing": {"price": 18.90, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.6}
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/health-insurance/contract"}'),
(NULL, 'health_info_bonus', 'InfoBox', 4, '{
  "title": "Bonusprogramm nutzen",
  "content": "Viele Krankenkassen belohnen Vorsorge und Sport mit bis zu 300 € im Jahr.",
  "tone": "success"
}', NULL),
(123, 'health_offer_hallesche_pkv', 'Card', 1, '{
  "title": "Hallesche NK.select L",
  "subtitle": "Private Vollversicherung für Selbstständige",
  "content": "Beitragsrückerstattung bis zu drei Monatsbeiträge bei Leistungsfreiheit.",
  "image_url": "assets/images/companies/hallesche.svg",
  "pricing": {"price": 489.00, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.4},
  "badge": "Für Sie ausgewählt"
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/health-insurance/contract"}'),
(456, 'health_grid_zahn_familie', 'ProductGrid', 1, '{
  "title": "Zahnzusatz für Ihre Familie",
  "items": [
    {"title": "DKV KDT85", "subtitle": "85 % für Zahnersatz", "image_url": "assets/images/companies/dkv.svg",
     "pricing": {"price": 24.30, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.5}},
    {"title": "Allianz DentalBest", "subtitle": "100 % für Zahnersatz", "image_url": "assets/images/companies/allianz.svg",
     "pricing": {"price": 29.80, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.3}},
    {"title": "Gothaer MediZ Duo", "subtitle": "Kieferorthopädie für Kinder", "image_url": "assets/images/companies/gothaer.svg",
     "pricing": {"price": 19.70, "currency": "€", "frequency": "Monat"}, "rating": {"score": 4.2}}
  ]
}', NULL),
(456, 'health_offer_signal_ambulant', 'Card', 2, '{
  "title": "SIGNAL IDUNA AmbulantPLUS",
  "subtitle": "Heilpraktiker, Brillen und Vorsorge",
  "image_url": "assets/images/companies/signal-iduna.svg",
  "pricing": {"price": 12.60, "currency": "€", "frequency": "Monat"},
  "rating": {"score": 4.2}
}', '{"type": "purchase", "label": "Jetzt abschließen", "method": "POST", "path": "/widget/health-insurance/contract"}');

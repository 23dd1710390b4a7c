package de.check24.homewidgets.product.widget;

import de.check24.homewidgets.sdui.ProductResponse;
import jakarta.validation.constraints.Positive;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /widget/{serviceKey}}; the key itself is checked before this runs. */
@RestController
class WidgetController {

	private final WidgetCatalog catalog;

	WidgetController(WidgetCatalog catalog) {
		this.catalog = catalog;
	}

	@GetMapping("/widget/{serviceKey}")
	ProductResponse widgets(@RequestParam(name = "user_id", required = false) @Positive Long userId) {
		return this.catalog.widgetsFor(userId);
	}

}

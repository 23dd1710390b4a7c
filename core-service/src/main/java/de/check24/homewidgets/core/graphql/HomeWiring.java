package de.check24.homewidgets.core.graphql;

import java.util.function.Function;

import graphql.TrivialDataFetcher;
import graphql.schema.idl.RuntimeWiring;

import de.check24.homewidgets.core.graphql.HomeServices.Section;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;

import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/**
 * Where each field of the home schema comes from: the generated section fields and the
 * other {@code Services} fields from the home page, widgets and their parts from its JSON
 * ({@link WidgetFields}). {@code Query.services} is {@link ServicesController}'s.
 * <p>
 * Every fetcher here reads memory, so each is a {@link TrivialDataFetcher}: neither
 * observed nor decorated per field, which for a page of widgets would cost more than the
 * reading.
 */
class HomeWiring implements RuntimeWiringConfigurer {

	private final ServicesSchema schema;

	private final ProductCatalog catalog;

	HomeWiring(ServicesSchema schema, ProductCatalog catalog) {
		this.schema = schema;
		this.catalog = catalog;
	}

	@Override
	public void configure(RuntimeWiring.Builder wiring) {
		wiring.type(ServicesSchema.TYPE, (type) -> {
			this.schema.productFields()
				.forEach((field, product) -> type.dataFetcher(field, home((home) -> home.section(product.section()))));
			return type.dataFetcher(ServicesSchema.SECTIONS, home(HomeServices::sections))
				.dataFetcher(ServicesSchema.SECTION,
						(TrivialDataFetcher<Object>) (environment) -> environment.<HomeServices>getSource()
							.section(sectionName(environment.getArgument("name"))))
				.dataFetcher(ServicesSchema.PROVISIONAL, home(HomeServices::provisional));
		});
		wiring.type("Section",
				(type) -> type.dataFetcher("name", section(Section::name))
					.dataFetcher("title", section(Section::title))
					.dataFetcher("widgets", section(Section::widgets)));
		wiring.type("Widget", (type) -> type.defaultDataFetcher(WidgetFields.WIDGET));
		WidgetFields.PARTS.forEach((part) -> wiring.type(part, (type) -> type.defaultDataFetcher(WidgetFields.PART)));
	}

	// a product's key names its section too, as in the contract routes
	private String sectionName(String name) {
		return this.catalog.find(name).map(Product::section).orElse(name);
	}

	private static TrivialDataFetcher<Object> home(Function<HomeServices, Object> field) {
		return (environment) -> field.apply(environment.getSource());
	}

	private static TrivialDataFetcher<Object> section(Function<Section, Object> field) {
		return (environment) -> field.apply(environment.getSource());
	}

}

package de.check24.homewidgets.core.support;

import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.products.TestCatalogs;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** What every {@link CoreWebSlice} needs besides the web layer: the products. */
@TestConfiguration(proxyBeanMethods = false)
class CoreWebSliceConfiguration {

	@Bean
	ProductCatalog productCatalog() {
		return TestCatalogs.defaults();
	}

}

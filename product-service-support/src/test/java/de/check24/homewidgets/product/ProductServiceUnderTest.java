package de.check24.homewidgets.product;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * Finds the product service application on the test classpath for
 * {@link ProductServiceIntegrationTests}. Its {@code @Nested} classes are declared here
 * in the library, so Spring cannot find the application by searching upwards from them;
 * this picks up the one {@code @SpringBootApplication} under
 * {@code de.check24.homewidgets} instead (the library's own sample and generic product
 * excluded).
 */
@SpringBootConfiguration
@ComponentScan(basePackages = "de.check24.homewidgets", useDefaultFilters = false,
		includeFilters = @ComponentScan.Filter(SpringBootApplication.class),
		excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "de\\.check24\\.homewidgets\\.(sample|generic)\\..*"))
class ProductServiceUnderTest {

}

package de.check24.homewidgets.product;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * Turns a plain {@code @SpringBootApplication} with a {@link RankingPolicy} bean into a
 * product service. The library's components stay package-private, so they are scanned
 * rather than imported one by one.
 */
@AutoConfiguration
@ComponentScan(excludeFilters = @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class))
@ConfigurationPropertiesScan
@EntityScan
@EnableJpaRepositories
public class ProductServiceAutoConfiguration {

}

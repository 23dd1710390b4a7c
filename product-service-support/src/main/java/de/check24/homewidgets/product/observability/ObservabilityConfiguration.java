package de.check24.homewidgets.product.observability;

import io.micrometer.tracing.Tracer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;

@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

	/**
	 * Adds the {@link RepositoryCallObserver} to every repository. Static and lazy about
	 * its dependencies, as a post-processor must be.
	 */
	@Bean
	static BeanPostProcessor repositoryCallObservers(ObjectProvider<Tracer> tracer,
			ObjectProvider<ObservabilityProperties> properties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof RepositoryFactoryBeanSupport<?, ?, ?> repositories) {
					repositories.addRepositoryFactoryCustomizer(
							(factory) -> factory.addRepositoryProxyPostProcessor((proxy,
									information) -> proxy.addAdvice(new RepositoryCallObserver(
											information.getRepositoryInterface().getSimpleName(),
											() -> tracer.getIfAvailable(() -> Tracer.NOOP),
											properties.getObject().slowQueryThreshold()))));
				}
				return bean;
			}

		};
	}

}

package de.check24.homewidgets.product.security;

import java.time.Clock;

import de.check24.homewidgets.product.ProductProperties;
import jakarta.servlet.DispatcherType;

import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Only the core gets in: a bearer token it signed for this product on every request,
 * except the load balancer's health check, the image assets and the API document.
 * Actuator endpoints live on the management port, which no load balancer routes.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebMvcConfigurer {

	@Bean
	SecurityFilterChain coreOnly(HttpSecurity http, SecurityProblems problems) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
			.permitAll()
			// mapped on the management port only; on the HTTP port these are 404s
			.requestMatchers(EndpointRequest.toAnyEndpoint())
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/health", "/images/**", "/v3/api-docs", "/v3/api-docs/**")
			.permitAll()
			.anyRequest()
			.authenticated())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems)
				.accessDeniedHandler(problems))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterAfter(new CallerInLogs(), BearerTokenAuthenticationFilter.class)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			// no cookies, no browser sessions: nothing for CSRF to ride on
			.csrf(AbstractHttpConfigurer::disable);
		return http.build();
	}

	@Bean
	JwtDecoder coreTokenDecoder(CoreTokenProperties properties, ProductProperties product) {
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(properties.fetchTimeout());
		requestFactory.setReadTimeout(properties.fetchTimeout());
		NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString())
			.jwsAlgorithm(SignatureAlgorithm.ES256)
			.restOperations(new RestTemplate(requestFactory))
			.build();
		decoder.setJwtValidator(CoreTokenValidators.forProduct(product.key(), properties, Clock.systemUTC()));
		return decoder;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new ActingUserCheck()).addPathPatterns("/widget/**");
	}

}

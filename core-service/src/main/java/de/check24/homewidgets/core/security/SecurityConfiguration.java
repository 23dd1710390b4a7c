package de.check24.homewidgets.core.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Two callers, two chains. Product services reach {@code /cache/**} with the shared
 * service token. Everyone else may send a user JWT: without one they see the anonymous
 * home, with a bad or expired one they get 401, and {@code /user/**} and the contract
 * routes under {@code /widget/**} need one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SecurityProperties.class, CorsProperties.class })
class SecurityConfiguration {

	private static final int MINIMUM_SECRET_BYTES = 32;

	private static final String STREAM = "/stream/updates";

	@Bean
	ProblemResponses problemResponses(ObjectMapper objectMapper) {
		return new ProblemResponses(objectMapper);
	}

	@Bean
	@Order(1)
	SecurityFilterChain productServiceChain(HttpSecurity http, SecurityProperties properties, ProblemResponses problems)
			throws Exception {
		return stateless(http).securityMatcher("/cache/**")
			.addFilterBefore(new ServiceTokenFilter(properties.serviceToken()), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(ServiceTokenFilter.AUTHORITY))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.serviceTokenEntryPoint())
				.accessDeniedHandler(problems.serviceTokenAccessDenied()))
			.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain userChain(HttpSecurity http, ProblemResponses problems) throws Exception {
		return stateless(http)
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/user/**", "/widget/**")
				.authenticated()
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(problems.bearerEntryPoint())
				.accessDeniedHandler(problems.bearerAccessDenied()))
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems.bearerEntryPoint())
				.accessDeniedHandler(problems.bearerAccessDenied()))
			.build();
	}

	private static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.csrf(AbstractHttpConfigurer::disable)
			// preflights are answered before authentication, from corsConfigurationSource
			.cors(Customizer.withDefaults())
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			// /home sets its own Cache-Control so that ETag revalidation works
			.headers((headers) -> headers.cacheControl((cacheControl) -> cacheControl.disable()));
	}

	/**
	 * The web client's origins may call the core from the browser: read the home (with
	 * {@code If-None-Match}), buy and cancel, and follow the update stream. {@code ETag}
	 * and {@code Location} are readable by scripts.
	 * @param properties {@code home.cors.*}
	 * @return the CORS configuration for every route
	 */
	@Bean
	CorsConfigurationSource corsConfigurationSource(CorsProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.allowedOrigins());
		cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.IF_NONE_MATCH,
				"Last-Event-ID"));
		cors.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION));
		cors.setMaxAge(properties.maxAge());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/**", cors);
		return source;
	}

	/**
	 * No observation per security filter per request: on a cached {@code /home} they cost
	 * more than the page itself. {@code http.server.requests} still measures every
	 * request.
	 * @return the settings
	 */
	@Bean
	SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's firewall, with header checks that do not run a Unicode regex over
	 * every header value (the bearer token included) on every request.
	 * @return the firewall
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(SecurityConfiguration::isVisibleLatin1);
		firewall.setAllowedHeaderValues(SecurityConfiguration::isVisibleLatin1);
		return firewall;
	}

	private static boolean isVisibleLatin1(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || (c >= 0x7f && c < 0xa0) || c > 0xff) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Tokens come in the {@code Authorization} header; only on the update stream may they
	 * come as an {@code access_token} query parameter, because browsers'
	 * {@code EventSource} cannot send headers. Elsewhere the parameter is ignored.
	 * @return the resolver the resource server uses
	 */
	@Bean
	BearerTokenResolver bearerTokenResolver() {
		DefaultBearerTokenResolver headerOnly = new DefaultBearerTokenResolver();
		DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
		headerOrQuery.setAllowUriQueryParameter(true);
		return (request) -> STREAM.equals(request.getRequestURI().substring(request.getContextPath().length()))
				? headerOrQuery.resolve(request) : headerOnly.resolve(request);
	}

	@Bean
	JwtDecoder jwtDecoder(SecurityProperties properties, Clock clock) {
		NimbusJwtDecoder decoder;
		if (StringUtils.hasText(properties.jwt().jwkSetUri())) {
			decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwt().jwkSetUri()).build();
		}
		else {
			String secret = properties.jwt().secret();
			if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < MINIMUM_SECRET_BYTES) {
				throw new IllegalStateException("home.security.jwt.secret (HOME_JWT_SECRET) needs at least "
						+ MINIMUM_SECRET_BYTES + " bytes for HS256, or set home.security.jwt.jwk-set-uri");
			}
			decoder = NimbusJwtDecoder
				.withSecretKey(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"))
				.macAlgorithm(MacAlgorithm.HS256)
				.build();
		}
		decoder.setJwtValidator(
				new DelegatingOAuth2TokenValidator<>(List.of(JwtValidators.createDefault(), numericSubject())));
		return new CachingJwtDecoder(decoder, clock, 100_000, Duration.ofMinutes(5));
	}

	private static OAuth2TokenValidator<Jwt> numericSubject() {
		OAuth2Error error = new OAuth2Error("invalid_token", "The token's subject must be a numeric user id", null);
		return (jwt) -> {
			String subject = jwt.getSubject();
			return (subject != null && subject.matches("[1-9][0-9]{0,17}")) ? OAuth2TokenValidatorResult.success()
					: OAuth2TokenValidatorResult.failure(error);
		};
	}

	@Bean
	BearerViewers bearerViewers(JwtDecoder jwtDecoder) {
		return new BearerViewers(jwtDecoder);
	}

	@Bean
	WebMvcConfigurer viewerArgument() {
		return new WebMvcConfigurer() {
			@Override
			public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
				resolvers.add(new ViewerArgumentResolver());
			}
		};
	}

}

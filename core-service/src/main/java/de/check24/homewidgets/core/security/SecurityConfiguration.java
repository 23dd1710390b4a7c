package de.check24.homewidgets.core.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.spec.SecretKeySpec;

import de.check24.homewidgets.core.config.SecretsCheck;
import de.check24.homewidgets.core.products.Product;
import de.check24.homewidgets.core.products.ProductCatalog;
import de.check24.homewidgets.core.web.CoreProblem;
import de.check24.homewidgets.core.web.ProblemWriter;

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
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Two callers, two chains. Product services reach {@code /cache/**} with their own
 * credential. Everyone else may send a user JWT: without one they see the anonymous home,
 * with a bad or expired one they get 401, and {@code /user/**}, the contract routes under
 * {@code /widget/**} and stream tickets need one.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ SecurityProperties.class, CorsProperties.class })
class SecurityConfiguration {

	private static final int MINIMUM_SECRET_BYTES = 32;

	@Bean
	@Order(1)
	SecurityFilterChain productServiceChain(HttpSecurity http, ProductCatalog catalog, ProblemWriter problems,
			SecretsCheck checked) throws Exception {
		AuthenticationEntryPoint refuse = (request, response, failure) -> problems.write(request, response,
				CoreProblem.invalidServiceToken());
		AccessDeniedHandler refuseDenied = (request, response, denied) -> problems.write(request, response,
				CoreProblem.invalidServiceToken());
		return stateless(http).securityMatcher("/cache/**")
			.addFilterBefore(new ServiceTokenFilter(productCredentials(catalog)), AnonymousAuthenticationFilter.class)
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasAuthority(ServiceTokenFilter.AUTHORITY))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(refuse).accessDeniedHandler(refuseDenied))
			.build();
	}

	private static Map<String, List<byte[]>> productCredentials(ProductCatalog catalog) {
		Map<String, List<byte[]>> credentials = new LinkedHashMap<>();
		for (Product product : catalog.all()) {
			credentials.put(product.key(),
					catalog.serviceTokens(product)
						.stream()
						.filter(StringUtils::hasText)
						.map((token) -> token.trim().getBytes(StandardCharsets.UTF_8))
						.toList());
		}
		return credentials;
	}

	@Bean
	@Order(2)
	SecurityFilterChain userChain(HttpSecurity http, ProblemWriter problems) throws Exception {
		BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
		AuthenticationEntryPoint unauthorized = (request, response, failure) -> {
			bearer.commence(request, response, failure);
			problems.write(request, response, CoreProblem
				.unauthorized((failure.getMessage() != null) ? failure.getMessage() : "Authentication is required."));
		};
		AccessDeniedHandler forbidden = (request, response, denied) -> problems.write(request, response,
				CoreProblem.forbidden((denied.getMessage() != null) ? denied.getMessage() : "Access denied."));
		return stateless(http)
			// personal answers must never sit in a shared or browser cache
			.headers((headers) -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
					new OrRequestMatcher(PathPatternRequestMatcher.withDefaults().matcher("/user/**"),
							PathPatternRequestMatcher.withDefaults().matcher("/widget/**"),
							PathPatternRequestMatcher.withDefaults().matcher("/stream/ticket")),
					new StaticHeadersWriter(HttpHeaders.CACHE_CONTROL, "no-store"))))
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/user/**", "/widget/**", "/stream/ticket")
				.authenticated()
				.anyRequest()
				.permitAll())
			.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults())
				.authenticationEntryPoint(unauthorized)
				.accessDeniedHandler(forbidden))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
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

	/**
	 * What the firewall refuses (a {@code ;} or {@code ..} in the path, an encoded
	 * {@code %}, a method such as TRACE) is a 400 problem like every other error, rather
	 * than the servlet container's error page.
	 * @param problems the writer
	 * @return the handler Spring Security's filter chain uses
	 */
	@Bean
	RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
		return (request, response, rejected) -> problems.write(request, response, CoreProblem.requestRejected());
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
	 * Tokens come in the {@code Authorization} header only: a token in a URL ends up in
	 * access logs and browser histories (the update stream takes a single-use ticket
	 * instead).
	 * @return the resolver the resource server uses
	 */
	@Bean
	BearerTokenResolver bearerTokenResolver() {
		return new DefaultBearerTokenResolver();
	}

	// blank only in the local profile: the secrets check refuses to start without it
	// anywhere else
	@Bean
	UserTokenSecret userTokenSecret(SecurityProperties properties, SecretsCheck checked) {
		return UserTokenSecret.configuredOrGenerated(properties.jwt().secret());
	}

	@Bean
	JwtDecoder jwtDecoder(SecurityProperties properties, UserTokenSecret secret, SecretsCheck checked, Clock clock) {
		SecurityProperties.Jwt jwt = properties.jwt();
		NimbusJwtDecoder decoder;
		if (StringUtils.hasText(jwt.jwkSetUri())) {
			SignatureAlgorithm algorithm = SignatureAlgorithm.from(jwt.algorithm());
			if (algorithm == null) {
				if (MacAlgorithm.from(jwt.algorithm()) == null) {
					throw new IllegalStateException(
							"HOME_JWT_ALGORITHM must be an asymmetric algorithm (RS256, ES256, ...)"
									+ " with HOME_JWT_JWK_SET_URI, not " + jwt.algorithm());
				}
				// HS256 is the default for the shared secret; an identity provider's JWK
				// set
				// signs with a key pair, RS256 unless HOME_JWT_ALGORITHM says otherwise
				algorithm = SignatureAlgorithm.RS256;
			}
			decoder = NimbusJwtDecoder.withJwkSetUri(jwt.jwkSetUri()).jwsAlgorithm(algorithm).build();
		}
		else {
			byte[] key = secret.value().getBytes(StandardCharsets.UTF_8);
			if (key.length < MINIMUM_SECRET_BYTES) {
				throw new IllegalStateException("HOME_JWT_SECRET needs at least " + MINIMUM_SECRET_BYTES
						+ " bytes for HS256, or set HOME_JWT_JWK_SET_URI");
			}
			MacAlgorithm algorithm = MacAlgorithm.from(jwt.algorithm());
			if (algorithm == null) {
				throw new IllegalStateException("HOME_JWT_ALGORITHM must be HS256, HS384 or HS512 with HOME_JWT_SECRET,"
						+ " not " + jwt.algorithm());
			}
			decoder = NimbusJwtDecoder
				.withSecretKey(new SecretKeySpec(key, "HmacSHA" + algorithm.getName().substring(2)))
				.macAlgorithm(algorithm)
				.build();
		}
		decoder.setJwtValidator(UserTokenValidators.of(jwt, checked.local(), clock));
		return new CachingJwtDecoder(decoder, clock, jwt.clockSkew(), jwt.verifiedCacheSize());
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

package de.check24.homewidgets.core.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A {@code @WebMvcTest} slice of the core: the given controllers, the problem details
 * advice and the core's own web security (both filter chains, the user token decoder, the
 * {@code Viewer} argument), outside the local profile with the test secrets, and the four
 * default products. Nothing else: a test provides the controllers' collaborators as
 * {@code @MockitoBean}s. The configuration classes are package-private, hence named here
 * by pattern; a renamed one fails every slice at start, not silently.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@WebMvcTest(
		properties = { "home.security.jwt.secret=" + Tokens.SECRET,
				"home.identity.signing-keys=" + TestSecrets.SIGNING_KEYS,
				"home.products.catalog.car-insurance.service-tokens=" + TestSecrets.CAR_INSURANCE_TOKEN,
				"home.products.catalog.health-insurance.service-tokens=" + TestSecrets.HEALTH_INSURANCE_TOKEN,
				"home.products.catalog.house-insurance.service-tokens=" + TestSecrets.HOUSE_INSURANCE_TOKEN,
				"home.products.catalog.banking.service-tokens=" + TestSecrets.BANKING_TOKEN },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = { "de\\.check24\\.homewidgets\\.core\\.security\\.SecurityConfiguration",
						"de\\.check24\\.homewidgets\\.core\\.config\\.(SecretsConfiguration|ClockConfiguration)",
						"de\\.check24\\.homewidgets\\.core\\.web\\.WebConfiguration" }))
@Import(CoreWebSliceConfiguration.class)
public @interface CoreWebSlice {

	/**
	 * The controllers under test.
	 * @return the controller classes
	 */
	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};

}

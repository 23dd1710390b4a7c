package de.check24.homewidgets.core.support;

import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;

import de.check24.homewidgets.core.products.Product;

/**
 * The secrets a core needs outside the {@code local} profile, for tests only: the user
 * token secret, the core's signing key (shared by every replica a test starts) and each
 * product's credential. Constants, because the secrets check runs before a test's dynamic
 * properties exist. TEST-ONLY VALUES: never deploy them.
 */
public final class TestSecrets {

	/** The core's signing keys, a JWK set with one EC P-256 key made for these tests. */
	public static final String SIGNING_KEYS = "{\"keys\":[{\"kty\":\"EC\",\"d\":\"75D2rVFpmVDTu5GDfc2f26_AM9AXvXY2WlkxrnLPX8Q\","
			+ "\"use\":\"sig\",\"crv\":\"P-256\",\"kid\":\"test-only-never-deploy\","
			+ "\"x\":\"XL8pj7DQQC00JEkbAzAOBPJwBOPVTpO3VpfjR6L4Zwk\",\"y\":\"znoszyDt9pjEtaTUuaAAx1W9AWLhHkN15IRQD0ut_88\"}]}";

	public static final String CAR_INSURANCE_TOKEN = "test-only-credential-of-car-insurance-3f9c2a";

	public static final String HEALTH_INSURANCE_TOKEN = "test-only-credential-of-health-insurance-3f9c2a";

	public static final String HOUSE_INSURANCE_TOKEN = "test-only-credential-of-house-insurance-3f9c2a";

	public static final String BANKING_TOKEN = "test-only-credential-of-banking-3f9c2a";

	/**
	 * Every secret as a Spring property, for {@code @SpringBootTest(properties = ...)}.
	 */
	public static final String[] PROPERTIES = { "home.security.jwt.secret=" + Tokens.SECRET,
			"home.identity.signing-keys=" + SIGNING_KEYS,
			"home.products.catalog.car-insurance.service-tokens=" + CAR_INSURANCE_TOKEN,
			"home.products.catalog.health-insurance.service-tokens=" + HEALTH_INSURANCE_TOKEN,
			"home.products.catalog.house-insurance.service-tokens=" + HOUSE_INSURANCE_TOKEN,
			"home.products.catalog.banking.service-tokens=" + BANKING_TOKEN };

	private TestSecrets() {
	}

	/**
	 * The core's signing key, as products would learn it.
	 * @return the key with its private part
	 */
	public static ECKey signingKey() {
		try {
			return (ECKey) JWKSet.parse(SIGNING_KEYS).getKeys().get(0);
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The credential a product calls the core with.
	 * @param product the product
	 * @return its token
	 */
	public static String serviceToken(Product product) {
		return "test-only-credential-of-" + product.key() + "-3f9c2a";
	}

	/**
	 * The core's properties for these secrets.
	 * @return property name to value
	 */
	public static Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		for (String property : PROPERTIES) {
			int equals = property.indexOf('=');
			properties.put(property.substring(0, equals), property.substring(equals + 1));
		}
		return properties;
	}

}

package de.check24.homewidgets.core.identity;

import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;

/**
 * The core's EC P-256 signing keys: the first signs, all are published so products keep
 * accepting tokens signed with a key that is being rotated out.
 */
final class SigningKeys {

	private final ECKey signing;

	private final JWKSet published;

	private SigningKeys(List<JWK> keys) {
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("HOME_SERVICE_SIGNING_KEYS holds no key");
		}
		for (JWK key : keys) {
			if (!(key instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve()) || !ec.isPrivate()
					|| ec.getKeyID() == null) {
				throw new IllegalArgumentException(
						"HOME_SERVICE_SIGNING_KEYS must hold EC P-256 private keys with a kid, found "
								+ key.getKeyType() + " " + key.getKeyID());
			}
		}
		this.signing = (ECKey) keys.get(0);
		this.published = new JWKSet(keys).toPublicJWKSet();
	}

	static SigningKeys parse(String jwkSet) {
		try {
			return new SigningKeys(JWKSet.parse(jwkSet).getKeys());
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("HOME_SERVICE_SIGNING_KEYS is not a JWK set: " + ex.getMessage(), ex);
		}
	}

	/** A fresh key, for the local profile only. */
	static SigningKeys generate() {
		try {
			ECKey key = new ECKeyGenerator(Curve.P_256).keyID("local-" + UUID.randomUUID())
				.keyUse(KeyUse.SIGNATURE)
				.generate();
			return new SigningKeys(List.of(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	ECKey signing() {
		return this.signing;
	}

	Map<String, Object> publicJwkSet() {
		return this.published.toJSONObject(true);
	}

}

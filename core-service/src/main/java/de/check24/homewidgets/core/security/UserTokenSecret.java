package de.check24.homewidgets.core.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.util.StringUtils;

/**
 * The HS256 secret user tokens are verified with: {@code HOME_JWT_SECRET}, or in the
 * {@code local} profile a random one for this run when it is not set (the secrets check
 * refuses to start without it anywhere else).
 *
 * @param value the secret
 */
record UserTokenSecret(String value) {

	static UserTokenSecret configuredOrGenerated(String configured) {
		if (StringUtils.hasText(configured)) {
			return new UserTokenSecret(configured);
		}
		byte[] random = new byte[48];
		new SecureRandom().nextBytes(random);
		return new UserTokenSecret(Base64.getEncoder().encodeToString(random));
	}

}

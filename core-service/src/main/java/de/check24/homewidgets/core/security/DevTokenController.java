package de.check24.homewidgets.core.security;

import java.time.Clock;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dev/token?user_id=N}: a demo sign-in for the local platform's web client
 * and scripts. Present only with the {@code local} profile; any other profile answers
 * 404. Its tokens verify only where the core checks HS256 tokens with its secret.
 */
@RestController
@Profile("local")
class DevTokenController {

	private final DevTokens tokens;

	DevTokenController(UserTokenSecret secret, SecurityProperties properties, Clock clock) {
		this.tokens = new DevTokens(secret.value(), properties.jwt().devIssuer(), properties.jwt().audience(), clock);
	}

	@GetMapping("/dev/token")
	DevTokens.DevToken token(@RequestParam(name = "user_id", required = false) Long userId) {
		return this.tokens.issue(userId);
	}

}

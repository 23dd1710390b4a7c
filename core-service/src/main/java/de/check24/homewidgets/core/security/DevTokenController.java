package de.check24.homewidgets.core.security;

import java.time.Clock;

import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dev/token?user_id=N}: a demo sign-in for the local platform's web client
 * and scripts. Present only with the {@code local} profile; any other profile answers
 * 404.
 */
@RestController
@Profile("local")
class DevTokenController {

	private final DevTokens tokens;

	DevTokenController(SecurityProperties properties, Clock clock) {
		this.tokens = new DevTokens(properties.jwt().secret(), clock);
	}

	@GetMapping("/dev/token")
	DevTokens.DevToken token(@RequestParam(name = "user_id", required = false) Long userId) {
		return this.tokens.issue(userId);
	}

}

package de.check24.homewidgets.product.security;

import org.springframework.lang.Nullable;

/**
 * A request body that names the user it acts for; the body is refused unless the core's
 * token is for that user.
 */
public interface ActsForUser {

	/**
	 * The user the body names.
	 * @return the user id, {@code null} when missing (validation refuses it)
	 */
	@Nullable
	Long userId();

}

package de.check24.homewidgets.core.viewer;

import de.check24.homewidgets.core.web.CoreProblem;

/**
 * Who is looking at the home page: a signed-in user (the token's subject) or nobody in
 * particular. Controllers take it as a method argument; the security package decides who
 * it is.
 *
 * @param userId the user's id, {@code null} for the anonymous home
 */
public record Viewer(Long userId) {

	/** The visitor without a token, who gets the generic home. */
	public static final Viewer ANONYMOUS = new Viewer(null);

	public static Viewer user(long userId) {
		return new Viewer(userId);
	}

	public boolean isAnonymous() {
		return this.userId == null;
	}

	/**
	 * Whether this viewer is the given user.
	 * @param userId a user id
	 * @return {@code true} for the signed-in user with that id
	 */
	public boolean is(long userId) {
		return this.userId != null && this.userId == userId;
	}

	/**
	 * The one same-user rule of every route that acts on a user's contracts.
	 * @param userId the user a request names
	 * @return {@code userId}
	 * @throws CoreProblem 403 when this viewer is someone else or anonymous
	 */
	public long requireSelf(long userId) {
		if (!is(userId)) {
			throw CoreProblem.foreignUser(userId);
		}
		return userId;
	}

	@Override
	public String toString() {
		return isAnonymous() ? "anonymous" : "user:" + this.userId;
	}

}

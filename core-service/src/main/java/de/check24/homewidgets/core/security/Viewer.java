package de.check24.homewidgets.core.security;

/**
 * Who is looking at the home page: a signed-in user (the JWT's subject) or nobody in
 * particular. Controllers take it as a method argument.
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

}

package de.check24.homewidgets.core.graphql;

import de.check24.homewidgets.core.home.HomeDocuments;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;

/**
 * {@code Query.services}: the viewer's home page, from the same pages as
 * {@code GET /home} (this replica's memory, Redis, the products behind their breakers).
 */
@Controller
class ServicesController {

	private final HomeDocuments homes;

	ServicesController(HomeDocuments homes) {
		this.homes = homes;
	}

	/**
	 * The viewer's home; a 503 home (no product could be served) is its fallback
	 * sections, as {@code GET /home} shows them.
	 * @param userId the user the query names, {@code null} for the viewer's own home
	 * @param viewer who sent the request ({@link ViewerInterceptor})
	 * @return the home
	 */
	@QueryMapping
	HomeServices services(@Argument String userId, @ContextValue Viewer viewer) {
		return new HomeServices(this.homes.forViewer(whose(viewer, userId)).home());
	}

	// the same rule as every route that names a user: only the token's own
	private static Viewer whose(Viewer viewer, String userId) {
		if (userId != null) {
			viewer.requireSelf(number(userId));
		}
		return viewer;
	}

	private static long number(String userId) {
		try {
			return Long.parseLong(userId);
		}
		catch (NumberFormatException ex) {
			throw CoreProblem.of(HttpStatus.BAD_REQUEST, "invalid-user-id", "Invalid user id",
					"userId must be a number, not '" + userId + "'");
		}
	}

}

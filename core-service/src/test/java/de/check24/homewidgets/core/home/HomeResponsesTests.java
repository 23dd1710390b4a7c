package de.check24.homewidgets.core.home;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class HomeResponsesTests {

	private final HomeResponses responses = new HomeResponses(Duration.ofSeconds(10));

	private final RenderedPage page = new RenderedPage("{}".getBytes(StandardCharsets.UTF_8), "\"abc\"", 200,
			Instant.now(), false);

	@Test
	void answersNotModifiedForAMatchingTagInAListOrAWeakTagOrAStar() {
		assertThat(status("\"abc\"")).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(status("\"old\", \"abc\"")).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(status("W/\"abc\"")).isEqualTo(HttpStatus.NOT_MODIFIED);
		assertThat(status("*")).isEqualTo(HttpStatus.NOT_MODIFIED);
	}

	@Test
	void answersInFullWithoutOrWithAnotherTag() {
		assertThat(status(null)).isEqualTo(HttpStatus.OK);
		assertThat(status("\"other\"")).isEqualTo(HttpStatus.OK);
		assertThat(status("abc")).isEqualTo(HttpStatus.OK);
	}

	@Test
	void neverAnswersNotModifiedForAnUnavailableHome() {
		RenderedPage unavailable = new RenderedPage(this.page.body(), "\"abc\"", 503, null, false);

		ResponseEntity<byte[]> response = this.responses.toResponse(unavailable, Viewer.ANONYMOUS, "\"abc\"");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("10");
	}

	private HttpStatus status(String ifNoneMatch) {
		return HttpStatus
			.valueOf(this.responses.toResponse(this.page, Viewer.user(1), ifNoneMatch).getStatusCode().value());
	}

}

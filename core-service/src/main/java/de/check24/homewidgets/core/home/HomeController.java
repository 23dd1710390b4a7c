package de.check24.homewidgets.core.home;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HomeController {

	private final HomePages pages;

	private final HomeResponses responses;

	HomeController(HomePages pages, HomeResponses responses) {
		this.pages = pages;
		this.responses = responses;
	}

	@GetMapping("/home")
	ResponseEntity<byte[]> home(Viewer viewer,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch) {
		return this.responses.toResponse(this.pages.page(viewer), viewer, ifNoneMatch);
	}

}

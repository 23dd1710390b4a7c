package de.check24.homewidgets.core.stream;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class UpdateStreamController {

	private final UpdateStreams streams;

	UpdateStreamController(UpdateStreams streams) {
		this.streams = streams;
	}

	@GetMapping(path = "/stream/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter updates(Viewer viewer) {
		return this.streams.subscribe(viewer);
	}

}

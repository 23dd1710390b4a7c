package de.check24.homewidgets.core.stream;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

@RestController
class UpdateStreamController {

	private final UpdateStreams streams;

	private final StreamTickets tickets;

	UpdateStreamController(UpdateStreams streams, StreamTickets tickets) {
		this.streams = streams;
		this.tickets = tickets;
	}

	/**
	 * A ticket that opens the caller's stream once, for clients such as the browser's
	 * {@code EventSource} that cannot send headers.
	 * @param viewer the signed-in user (the route requires a token)
	 * @return the ticket
	 */
	@PostMapping("/stream/ticket")
	Ticket ticket(Viewer viewer) {
		return new Ticket(this.tickets.issue(viewer), this.tickets.lifetime().toSeconds());
	}

	@GetMapping(path = "/stream/updates", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter updates(Viewer viewer, @RequestParam(name = "ticket", required = false) String ticket) {
		Viewer subscriber = (ticket != null)
				? this.tickets.redeem(ticket)
					.orElseThrow(() -> CoreProblem.unauthorized("The stream ticket is unknown, used or expired"))
				: viewer;
		return this.streams.subscribe(subscriber);
	}

	/**
	 * @param ticket the opaque, single-use ticket
	 * @param expiresIn seconds until it can no longer be redeemed
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Ticket(String ticket, long expiresIn) {

	}

}

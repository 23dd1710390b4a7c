package de.check24.homewidgets.core.stream;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.core.support.CoreWebSlice;
import de.check24.homewidgets.core.viewer.Viewer;
import de.check24.homewidgets.core.web.CoreProblem;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@CoreWebSlice(UpdateStreamController.class)
class UpdateStreamControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private UpdateStreams streams;

	@MockitoBean
	private StreamTickets tickets;

	@BeforeEach
	void streamsOpen() {
		given(this.streams.subscribe(any())).willAnswer((invocation) -> new SseEmitter());
	}

	@Nested
	class Tickets {

		@Test
		void issuesATicketForTheTokensUserThatNoCacheKeeps() throws Exception {
			given(tickets.issue(Viewer.user(7))).willReturn("ticket-for-7");
			given(tickets.lifetime()).willReturn(Duration.ofSeconds(30));

			mvc.perform(post("/stream/ticket").with(user(7)))
				.andExpect(status().isOk())
				.andExpect(header().string("Cache-Control", "no-store"))
				.andExpect(content().json("{\"ticket\": \"ticket-for-7\", \"expires_in\": 30}", true));
		}

		@Test
		void issuesNoTicketWithoutAToken() throws Exception {
			mvc.perform(post("/stream/ticket"))
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "unauthorized"));
			then(tickets).shouldHaveNoInteractions();
		}

	}

	@Nested
	class Updates {

		@Test
		void opensTheStreamOfTheUserTheTicketWasIssuedTo() throws Exception {
			given(tickets.redeem("ticket-for-7")).willReturn(Optional.of(Viewer.user(7)));

			mvc.perform(get("/stream/updates").param("ticket", "ticket-for-7").accept(MediaType.TEXT_EVENT_STREAM))
				.andExpect(request().asyncStarted());

			then(streams).should().subscribe(Viewer.user(7));
		}

		@Test
		void refusesAnUnknownUsedOrExpiredTicketWithAProblem() throws Exception {
			given(tickets.redeem("used")).willReturn(Optional.empty());

			mvc.perform(get("/stream/updates").param("ticket", "used").accept(MediaType.TEXT_EVENT_STREAM))
				.andExpect(status().isUnauthorized())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.type").value(CoreProblem.TYPE_BASE + "unauthorized"))
				.andExpect(jsonPath("$.detail").value(containsString("ticket")));
			then(streams).should(never()).subscribe(any());
		}

		@Test
		void opensTheStreamOfTheBearerWithoutATicket() throws Exception {
			mvc.perform(get("/stream/updates").with(user(7)).accept(MediaType.TEXT_EVENT_STREAM))
				.andExpect(request().asyncStarted());

			then(streams).should().subscribe(Viewer.user(7));
			then(tickets).shouldHaveNoInteractions();
		}

		@Test
		void opensAnAnonymousStreamWithoutTicketOrToken() throws Exception {
			mvc.perform(get("/stream/updates").accept(MediaType.TEXT_EVENT_STREAM)).andExpect(request().asyncStarted());

			then(streams).should().subscribe(Viewer.ANONYMOUS);
		}

	}

	private static RequestPostProcessor user(long userId) {
		return jwt().jwt((token) -> token.subject(String.valueOf(userId)));
	}

}

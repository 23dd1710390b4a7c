package de.check24.homewidgets.sdui;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of the core's {@code GET /home}. Clients render the sections in
 * {@code sectionOrder}, each with its title, so a new product needs no client release.
 *
 * @param services sections keyed by section name ({@code car_insurance},
 * {@code health_insurance}, ...); their iteration order means nothing on the wire
 * @param sectionOrder the order clients render sections in: every key of {@code services}
 * exactly once
 * @param provisional {@code true} for the generic home served while the user's personal
 * home is being built; the user's stream then receives {@code cache_invalidated} with
 * reason {@code personal_home_ready}
 * @param timestamp when the page was assembled
 * @param cacheKey the cache key it was served under
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HomeResponse(Map<String, ServiceSection> services, List<String> sectionOrder, boolean provisional,
		Instant timestamp, String cacheKey) {

	/**
	 * @throws IllegalArgumentException if {@code sectionOrder} does not name every
	 * section of {@code services} exactly once
	 */
	public HomeResponse {
		Objects.requireNonNull(services, "services");
		Objects.requireNonNull(sectionOrder, "sectionOrder");
		List<String> problems = sectionOrderProblems(sectionOrder, services.keySet());
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("section_order " + sectionOrder + " " + String.join("; ", problems));
		}
		sectionOrder = List.copyOf(sectionOrder);
	}

	/**
	 * A page whose sections are rendered in the iteration order of {@code services} (use
	 * a {@link java.util.LinkedHashMap}).
	 * @param services sections in display order
	 * @param provisional whether this is the generic home served while the personal one
	 * is being built
	 * @param timestamp when the page was assembled
	 * @param cacheKey the cache key it is served under
	 * @return the page, with {@code sectionOrder} taken from {@code services}
	 */
	public static HomeResponse inOrder(Map<String, ServiceSection> services, boolean provisional, Instant timestamp,
			String cacheKey) {
		return new HomeResponse(services, new ArrayList<>(services.keySet()), provisional, timestamp, cacheKey);
	}

	/**
	 * What is wrong with a section order, in words; the rule that JSON Schema cannot
	 * express (the names must be the keys of {@code services}).
	 * @param sectionOrder the names in display order
	 * @param sections the keys of {@code services}
	 * @return one sentence per problem; empty when the order names each section once
	 */
	static List<String> sectionOrderProblems(List<String> sectionOrder, Collection<String> sections) {
		List<String> problems = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		for (String name : sectionOrder) {
			if (!seen.add(name)) {
				problems.add("names \"" + name + "\" twice");
			}
			else if (!sections.contains(name)) {
				problems.add("names \"" + name + "\", which is not a section of services");
			}
		}
		for (String section : sections) {
			if (!seen.contains(section)) {
				problems.add("misses \"" + section + "\", a section of services");
			}
		}
		return problems;
	}

}

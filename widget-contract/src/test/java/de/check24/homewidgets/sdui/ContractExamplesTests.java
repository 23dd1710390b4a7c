package de.check24.homewidgets.sdui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Runs the shipped test vectors ({@code /schema/examples/index.json}) against the
 * schemas. The web and mobile clients run the same vectors with their own validators.
 */
class ContractExamplesTests {

	private static final String EXAMPLES = "/schema/examples/";

	private static final ObjectMapper mapper = WidgetJson.newMapper();

	private static final ContractValidator validator = ContractValidator.create();

	static Stream<Named<Vector>> vectors() {
		return index().stream().map((vector) -> Named.of(vector.file(), vector));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void vectorIsAcceptedOrRejectedAsIndexed(Vector vector) {
		List<String> errors = validator.validate(vector.contractSchema(), read(vector.file()));
		if (vector.valid()) {
			assertThat(errors).isEmpty();
		}
		else {
			// Each invalid vector breaks exactly one rule, so it cannot pass by accident.
			assertThat(errors).singleElement()
				.satisfies((error) -> assertThat(error).startsWith("$").contains(vector.expectedErrorContains()));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("vectors")
	void onlyVectorsMarkedBeyondSchemaPassAPlainSchemaValidator(Vector vector) {
		// Other clients validate with the schema alone; the flag tells them which rule
		// they
		// cannot check that way.
		List<String> errors = validator.schemaViolations(vector.contractSchema(), read(vector.file()));
		assertThat(errors.isEmpty()).isEqualTo(vector.valid() || vector.beyondSchema());
	}

	@Test
	void validHomesAreReadIntoTheRecordInTheirSectionOrder() throws IOException {
		for (Vector vector : index()) {
			if (vector.valid() && vector.contractSchema() == ContractSchema.HOME_RESPONSE) {
				JsonNode document = read(vector.file());
				HomeResponse home = mapper.treeToValue(document, HomeResponse.class);
				assertThat(home.sectionOrder()).as(vector.file())
					.containsExactlyElementsOf(mapper.convertValue(document.get("section_order"), List.class));
				assertThat(home.services()).containsOnlyKeys(home.sectionOrder());
			}
		}
	}

	@Test
	void theRecordRefusesASectionOrderThatNamesAnotherSection() {
		JsonNode document = read("invalid/home-response-section-order-names-unknown-section.json");
		assertThatExceptionOfType(JsonMappingException.class)
			.isThrownBy(() -> mapper.treeToValue(document, HomeResponse.class))
			.withMessageContaining("names \"pets\", which is not a section of services");
	}

	@Test
	void validUserContractsAreReadIntoTheRecord() throws IOException {
		UserContracts contracts = mapper.treeToValue(read("valid/user-contracts-offer-gone-one-unavailable.json"),
				UserContracts.class);
		assertThat(contracts.hasContract()).isTrue();
		assertThat(contracts.contracts()).containsEntry("car_insurance", null)
			.containsEntry("electricity", new UserContracts.UserContract("electricity_green_offer_1", null, 12, null));
		assertThat(contracts.unavailableServices()).containsExactly("house_insurance");
	}

	@Test
	void indexListsEveryExampleFileAndNothingElse() throws IOException, URISyntaxException {
		Path examples = Path.of(ContractExamplesTests.class.getResource(EXAMPLES).toURI());
		List<String> files;
		try (Stream<Path> paths = Files.walk(examples)) {
			files = paths.filter((path) -> path.toString().endsWith(".json"))
				.map((path) -> examples.relativize(path).toString().replace('\\', '/'))
				.filter((file) -> !file.equals("index.json"))
				.toList();
		}
		assertThat(index()).extracting(Vector::file).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(files);
	}

	@Test
	void indexIsConsistent() {
		assertThat(index()).allSatisfy((vector) -> {
			assertThat(vector.file()).startsWith(vector.valid() ? "valid/" : "invalid/");
			// File names start with their schema, so the vector's schema is obvious.
			assertThat(vector.file().substring(vector.file().indexOf('/') + 1)).startsWith(vector.schema());
			if (vector.valid()) {
				assertThat(vector.expectedErrorContains()).isNull();
				assertThat(vector.beyondSchema()).isFalse();
			}
			else {
				assertThat(vector.expectedErrorContains()).isNotBlank();
			}
		});
		assertThat(index()).extracting(Vector::contractSchema).contains(ContractSchema.values());
	}

	private static List<Vector> index() {
		try (InputStream in = ContractExamplesTests.class.getResourceAsStream(EXAMPLES + "index.json")) {
			return mapper.readValue(in, new TypeReference<List<Vector>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static JsonNode read(String file) {
		try (InputStream in = ContractExamplesTests.class.getResourceAsStream(EXAMPLES + file)) {
			assertThat(in).as(file).isNotNull();
			return mapper.readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One entry of {@code index.json}.
	 *
	 * @param file path relative to the examples directory
	 * @param schema schema file name without {@code .schema.json}
	 * @param valid whether the document must pass
	 * @param expectedErrorContains for invalid vectors, part of the expected message;
	 * {@code null} for valid ones
	 * @param beyondSchema for invalid vectors, whether the rule they break is one JSON
	 * Schema cannot express (only {@link ContractValidator} rejects them)
	 * @param description what the vector shows
	 */
	@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
	record Vector(String file, String schema, boolean valid, String expectedErrorContains, boolean beyondSchema,
			String description) {

		ContractSchema contractSchema() {
			return Arrays.stream(ContractSchema.values())
				.filter((candidate) -> candidate.fileName().equals(this.schema + ".schema.json"))
				.findFirst()
				.orElseThrow(() -> new IllegalArgumentException("Unknown schema '" + this.schema + "'"));
		}

	}

}

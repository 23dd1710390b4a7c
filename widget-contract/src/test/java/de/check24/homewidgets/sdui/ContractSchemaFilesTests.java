package de.check24.homewidgets.sdui;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schema files themselves: well-formed draft 2020-12 with the {@code $id} other
 * schemas and clients reference them by.
 */
class ContractSchemaFilesTests {

	private static final ObjectMapper mapper = WidgetJson.newMapper();

	private static final JsonSchema metaSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
		.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

	@ParameterizedTest
	@EnumSource(ContractSchema.class)
	void schemaIsValidDraft202012(ContractSchema schema) throws IOException {
		JsonNode document = read(schema);
		assertThat(document.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(metaSchema.validate(document)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(ContractSchema.class)
	void schemaIdMatchesItsFileName(ContractSchema schema) throws IOException {
		assertThat(read(schema).path("$id").asText())
			.isEqualTo("https://homewidgets.check24.de/schema/" + schema.fileName())
			.isEqualTo(schema.id());
	}

	private static JsonNode read(ContractSchema schema) throws IOException {
		try (InputStream in = ContractSchemaFilesTests.class.getResourceAsStream(schema.resourcePath())) {
			assertThat(in).as(schema.resourcePath()).isNotNull();
			return mapper.readTree(in);
		}
	}

}

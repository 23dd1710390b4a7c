package de.check24.homewidgets.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository the tests read: this module runs from deploy/, the files it checks live
 * at the root and under deploy/.
 */
final class Repository {

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	private Repository() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		return read(path(relative));
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> yaml(String relative) {
		return (Map<String, Object>) yaml().load(read(relative));
	}

	/** Every document of a multi-document YAML file, empty ones left out. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(Path file) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : yaml().loadAll(read(file))) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	static Yaml yaml() {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		return new Yaml(options);
	}

}

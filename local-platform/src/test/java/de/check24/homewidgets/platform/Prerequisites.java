package de.check24.homewidgets.platform;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tools the platform test uses besides the JDK, checked before anything starts, so a
 * machine that lacks one fails at once with the tool's name and how to install it.
 */
final class Prerequisites {

	private Prerequisites() {
	}

	/**
	 * What is missing, each with how to install it (Debian/Ubuntu package names).
	 * @param environment {@code PATH} and {@code CHROMIUM_PATH}
	 * @param browser whether the browser scenario runs (not with {@code -DskipWeb})
	 * @return one entry per missing tool; empty when all are there
	 */
	static List<String> missing(Map<String, String> environment, boolean browser) {
		List<String> missing = new ArrayList<>();
		String path = environment.getOrDefault("PATH", "");
		// scripts/smoke.sh
		requireOnPath(path, "bash", "apt-get install -y bash", missing);
		requireOnPath(path, "curl", "apt-get install -y curl", missing);
		requireOnPath(path, "python3", "apt-get install -y python3", missing);
		if (browser) {
			requireOnPath(path, "npm", "apt-get install -y nodejs npm (Node.js 20.19 or newer)", missing);
			// web-client/e2e/run.mjs drives this browser
			Path chromium = Path.of(environment.getOrDefault("CHROMIUM_PATH", "/usr/bin/chromium"));
			if (!Files.isExecutable(chromium)) {
				missing.add("chromium at " + chromium + ": apt-get install -y chromium, or set CHROMIUM_PATH");
			}
		}
		return missing;
	}

	private static void requireOnPath(String path, String tool, String install, List<String> missing) {
		for (String directory : path.split(File.pathSeparator)) {
			if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, tool))) {
				return;
			}
		}
		missing.add(tool + ": " + install);
	}

}

package de.check24.homewidgets.infrastructure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** How the embedded infrastructure starts and ends the processes it owns. */
final class ChildProcesses {

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private ChildProcesses() {
	}

	/**
	 * The command, run in a session of its own where the system has {@code setsid}.
	 * Ctrl-C in a terminal signals the whole foreground process group; a child in its own
	 * session does not get it and is stopped by its owner in dependency order instead.
	 */
	static List<String> detachedFromTerminal(List<String> command) {
		if (!Files.isExecutable(SETSID)) {
			return command;
		}
		List<String> detached = new ArrayList<>(command.size() + 1);
		detached.add(SETSID.toString());
		detached.addAll(command);
		return detached;
	}

	/**
	 * The end of a process's log, for the message of a failed start: the log is often in
	 * a temporary directory that is gone by the time anyone reads a failed build's
	 * output.
	 */
	static String logTail(Path log, int lines) {
		try {
			String[] all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n");
			return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
		}
		catch (IOException ex) {
			return "(the log " + log + " could not be read: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Asks the process to end (SIGTERM), and kills it if it has not ended in time.
	 * @return whether it ended within the grace period
	 */
	static boolean stop(Process process, Duration grace) {
		process.descendants().forEach(ProcessHandle::destroy);
		process.destroy();
		try {
			if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				return true;
			}
			process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
		}
		return false;
	}

}

package de.check24.homewidgets.load;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the simulated clients did and saw, one JSON {@link Fact} per line, so the chaos
 * run can check afterwards what the platform acknowledged and what reached the clients.
 * Gatling's own log holds timings only. Appends from many threads; {@link #close()}
 * flushes.
 */
public final class Journal implements AutoCloseable {

	private static final ObjectMapper json = new ObjectMapper();

	/** Written through at least this often, so a reader sees the run as it goes. */
	private static final long FLUSH_INTERVAL_MILLIS = 1000;

	private final BufferedWriter out;

	private long flushedAt = System.currentTimeMillis();

	private Journal(BufferedWriter out) {
		this.out = out;
	}

	/**
	 * Opens a journal for appending.
	 * @param file where the facts go; {@code null} for a journal that keeps nothing
	 * @return the journal
	 */
	public static Journal appendingTo(Path file) {
		if (file == null) {
			return new Journal(null);
		}
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
			return new Journal(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.APPEND));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot write the journal " + file, ex);
		}
	}

	public void record(Fact fact) {
		if (this.out == null) {
			return;
		}
		try {
			String line = json.writeValueAsString(fact);
			synchronized (this) {
				this.out.write(line);
				this.out.newLine();
				long now = System.currentTimeMillis();
				if (now - this.flushedAt >= FLUSH_INTERVAL_MILLIS) {
					this.out.flush();
					this.flushedAt = now;
				}
			}
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public synchronized void flush() {
		if (this.out == null) {
			return;
		}
		try {
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void close() {
		if (this.out == null) {
			return;
		}
		try {
			this.out.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a journal back.
	 * @param file the journal
	 * @return every fact in order of writing
	 */
	public static List<Fact> read(Path file) {
		if (!Files.exists(file)) {
			return List.of();
		}
		List<Fact> facts = new ArrayList<>();
		try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
			for (String line : (Iterable<String>) lines::iterator) {
				if (!line.isBlank()) {
					facts.add(json.readValue(line, Fact.class));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the journal " + file, ex);
		}
		return facts;
	}

}

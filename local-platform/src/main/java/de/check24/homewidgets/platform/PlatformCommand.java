package de.check24.homewidgets.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client side of {@code ./platform.sh status}, {@code ./platform.sh stop <name>} and
 * {@code ./platform.sh start <name>}: asks the running platform's admin endpoint
 * ({@code PLATFORM_ADMIN_PORT}, 8099) and prints its answer. It needs nothing but the JDK
 * and this module's classes, so the script runs it without the platform's large jar.
 */
public final class PlatformCommand {

	static final Set<String> COMMANDS = Set.of("status", "stop", "start");

	/** A start waits for the service's health check: minutes on a busy machine. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private PlatformCommand() {
	}

	public static void main(String[] args) {
		System.exit(run(List.of(args), System.getenv(), System.out));
	}

	/**
	 * Runs one command.
	 * @param args {@code status}, or {@code stop|start <component>}
	 * @param environment where {@code PLATFORM_ADMIN_PORT} comes from
	 * @param out where the answer goes
	 * @return the exit code: 0 done, 1 failed, 2 wrong usage
	 */
	static int run(List<String> args, Map<String, String> environment, PrintStream out) {
		if (args.isEmpty() || !COMMANDS.contains(args.get(0)) || (args.get(0).equals("status") != (args.size() == 1))
				|| args.size() > 2) {
			out.println("usage: ./platform.sh status | stop <component> | start <component>");
			return 2;
		}
		int port = PlatformSettings.from(environment, List.of(), Path.of("")).adminPort();
		String base = "http://127.0.0.1:" + port + "/components";
		HttpRequest request = (args.size() == 1) ? get(base) : post(base + "/" + args.get(1) + "/" + args.get(0));
		try {
			HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
			out.print(response.body());
			return (response.statusCode() == 200) ? 0 : 1;
		}
		catch (ConnectException ex) {
			out.println("No local platform answers on 127.0.0.1:" + port + " (start it with ./platform.sh, or set"
					+ " PLATFORM_ADMIN_PORT to the port it uses)");
			return 1;
		}
		catch (IOException ex) {
			out.println("The local platform did not answer: " + ex);
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	private static HttpRequest get(String url) {
		return HttpRequest.newBuilder(URI.create(url))
			.header(AdminEndpoint.HEADER, "1")
			.timeout(Duration.ofSeconds(10))
			.GET()
			.build();
	}

	private static HttpRequest post(String url) {
		return HttpRequest.newBuilder(URI.create(url))
			.header(AdminEndpoint.HEADER, "1")
			.timeout(START_TIMEOUT)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
	}

}

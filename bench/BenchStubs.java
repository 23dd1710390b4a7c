import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Four stand-in product services for the benchmark (JDK only, run with
 * {@code java BenchStubs.java <first-port>}): car-insurance on the first port, then
 * health-insurance, house-insurance and banking. {@code GET /__delay?ms=N} on a stub makes
 * its widget answers N ms slow.
 */
public class BenchStubs {

	static final String[] KEYS = { "car-insurance", "health-insurance", "house-insurance", "banking" };

	public static void main(String[] args) throws IOException {
		int firstPort = Integer.parseInt(args[0]);
		for (int i = 0; i < KEYS.length; i++) {
			start(KEYS[i], firstPort + i);
		}
		System.out.println("bench stubs listening on " + firstPort + ".." + (firstPort + KEYS.length - 1));
	}

	static void start(String key, int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
		long[] delay = { 0 };
		server.createContext("/__delay", (exchange) -> {
			delay[0] = Long.parseLong(exchange.getRequestURI().getQuery().replace("ms=", ""));
			respond(exchange, 200, "{\"delay_ms\":" + delay[0] + "}");
		});
		server.createContext("/widget/" + key, (exchange) -> {
			try {
				if (delay[0] > 0) {
					Thread.sleep(delay[0]);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			String query = exchange.getRequestURI().getQuery();
			String user = (query != null && query.startsWith("user_id=")) ? query.substring(8) : "anonymous";
			respond(exchange, 200, widgets(key, user));
		});
		server.setExecutor(Executors.newFixedThreadPool(64));
		server.start();
	}

	static String widgets(String key, String user) {
		StringBuilder json = new StringBuilder("{\"widgets\":[");
		for (int i = 1; i <= 3; i++) {
			if (i > 1) {
				json.append(',');
			}
			json.append("""
					{"widget_id":"%s_offer_%d_%s","component_type":"Card","priority":%d,
					 "data":{"title":"%s offer %d","subtitle":"Top-Angebot für Sie","content":"Ab 89€/Monat. Jetzt sparen.",
					 "image_url":"/images/%s/%d.svg","pricing":{"price":89.0,"currency":"€","frequency":"Monat"},
					 "rating":{"score":4.7}},
					 "action":{"type":"purchase","label":"Jetzt abschließen","method":"POST","path":"/widget/%s/contract"}}"""
				.formatted(key, i, user, i, key, i, key, i, key));
		}
		return json.append("]}").toString();
	}

	static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
		exchange.close();
	}

}

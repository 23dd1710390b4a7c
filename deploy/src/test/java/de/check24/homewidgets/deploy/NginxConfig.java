package de.check24.homewidgets.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough of an NGINX configuration parser to check what the edge does: directives
 * with arguments and blocks, comments and quotes handled, nothing evaluated.
 */
record NginxConfig(String name, List<String> args, List<NginxConfig> children) {

	static NginxConfig parse(String text) {
		List<String> tokens = tokenize(text);
		NginxConfig root = new NginxConfig("", List.of(), new ArrayList<>());
		int end = parseBlock(tokens, 0, root);
		if (end != tokens.size()) {
			throw new IllegalArgumentException("Unbalanced '}' at token " + end);
		}
		return root;
	}

	List<NginxConfig> all(String directive) {
		return this.children.stream().filter((child) -> child.name.equals(directive)).toList();
	}

	Optional<NginxConfig> first(String directive) {
		return all(directive).stream().findFirst();
	}

	/** The server block that listens on {@code port}. */
	NginxConfig server(int port) {
		return all("server").stream()
			.filter((server) -> server.all("listen").stream().anyMatch((listen) -> listen.arg(0).equals("" + port)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No server listens on " + port));
	}

	Optional<NginxConfig> location(String path) {
		return all("location").stream()
			.filter((location) -> location.args.get(location.args.size() - 1).equals(path))
			.findFirst();
	}

	String arg(int index) {
		return this.args.get(index);
	}

	String joinedArgs() {
		return String.join(" ", this.args);
	}

	private static int parseBlock(List<String> tokens, int start, NginxConfig block) {
		int i = start;
		while (i < tokens.size() && !tokens.get(i).equals("}")) {
			String name = tokens.get(i++);
			List<String> args = new ArrayList<>();
			while (!tokens.get(i).equals(";") && !tokens.get(i).equals("{")) {
				args.add(tokens.get(i++));
			}
			NginxConfig directive = new NginxConfig(name, args, new ArrayList<>());
			block.children.add(directive);
			if (tokens.get(i++).equals("{")) {
				i = parseBlock(tokens, i, directive);
				if (i >= tokens.size()) {
					throw new IllegalArgumentException("Unclosed block " + name + " " + args);
				}
				i++;
			}
		}
		return i;
	}

	private static List<String> tokenize(String text) {
		List<String> tokens = new ArrayList<>();
		StringBuilder token = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '#') {
				while (i < text.length() && text.charAt(i) != '\n') {
					i++;
				}
			}
			else if (c == '\'' || c == '"') {
				int close = text.indexOf(c, i + 1);
				token.append(text, i + 1, close);
				quoted = true;
				i = close;
			}
			else if (Character.isWhitespace(c) || c == ';' || c == '{' || c == '}') {
				if (!token.isEmpty() || quoted) {
					tokens.add(token.toString());
					token.setLength(0);
					quoted = false;
				}
				if (!Character.isWhitespace(c)) {
					tokens.add(String.valueOf(c));
				}
			}
			else {
				token.append(c);
			}
		}
		return tokens;
	}

}

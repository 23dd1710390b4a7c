package de.check24.homewidgets.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The subset of Kustomize that deploy/kubernetes uses, so the tests check what
 * {@code kubectl apply -k} would apply without a kubectl here. A kustomization that uses
 * anything else fails to build instead of being rendered wrongly.
 * <ul>
 * <li>{@code resources}: files (multi-document) and directories with a
 * kustomization.yaml;</li>
 * <li>{@code namespace}: set on every namespaced resource of this kustomization;</li>
 * <li>{@code images}: {@code name} with {@code newName} and/or {@code newTag};</li>
 * <li>{@code replicas}: {@code name} and {@code count} for Deployments;</li>
 * <li>{@code patches}: {@code path} or inline {@code patch}, with or without a
 * {@code target} ({@code kind}, {@code name}, {@code labelSelector} of {@code k=v}
 * pairs). A list is a JSON 6902 patch ({@code add}, {@code replace}, {@code remove}); a
 * map is a strategic merge patch: maps merge, {@code null} deletes, lists of containers,
 * env, volumes, volume mounts, ports and topology spread constraints merge by their key,
 * other lists are replaced.</li>
 * </ul>
 */
final class Kustomize {

	private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images",
			"replicas", "patches");

	private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

	private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name", "env",
			"name", "volumes", "name", "volumeMounts", "mountPath", "topologySpreadConstraints", "topologyKey");

	private Kustomize() {
	}

	static List<Map<String, Object>> build(Path directory) {
		Map<String, Object> kustomization = Repository
			.yaml(Repository.ROOT.relativize(directory.resolve("kustomization.yaml")).toString());
		Set<String> unsupported = new HashSet<>(kustomization.keySet());
		unsupported.removeAll(SUPPORTED);
		if (!unsupported.isEmpty()) {
			throw new IllegalArgumentException(directory + ": unsupported kustomization fields " + unsupported);
		}
		List<Map<String, Object>> resources = new ArrayList<>();
		for (Object entry : list(kustomization.get("resources"))) {
			Path resource = directory.resolve(String.valueOf(entry)).normalize();
			if (Files.isDirectory(resource)) {
				resources.addAll(build(resource));
			}
			else if (Files.isRegularFile(resource)) {
				resources.addAll(Repository.yamlDocuments(resource));
			}
			else {
				throw new IllegalArgumentException(directory + ": no resource " + entry);
			}
		}
		for (Object entry : list(kustomization.get("patches"))) {
			patch(directory, resources, map(entry));
		}
		for (Object entry : list(kustomization.get("images"))) {
			setImages(resources, map(entry));
		}
		for (Object entry : list(kustomization.get("replicas"))) {
			Map<String, Object> replicas = map(entry);
			List<Map<String, Object>> targets = resources.stream()
				.filter((resource) -> "Deployment".equals(resource.get("kind"))
						&& replicas.get("name").equals(name(resource)))
				.toList();
			require(!targets.isEmpty(), directory + ": no Deployment " + replicas.get("name") + " to scale");
			targets.forEach((target) -> map(target.get("spec")).put("replicas", replicas.get("count")));
		}
		if (kustomization.get("namespace") instanceof String namespace) {
			resources.stream()
				.filter((resource) -> !CLUSTER_SCOPED.contains(resource.get("kind")))
				.forEach((resource) -> map(resource.get("metadata")).put("namespace", namespace));
		}
		Set<String> identities = new HashSet<>();
		for (Map<String, Object> resource : resources) {
			String identity = resource.get("kind") + " " + map(resource.get("metadata")).get("namespace") + "/"
					+ name(resource);
			require(identities.add(identity), directory + ": " + identity + " is defined twice");
		}
		return resources;
	}

	private static void patch(Path directory, List<Map<String, Object>> resources, Map<String, Object> entry) {
		String text = (entry.get("path") != null)
				? Repository.read(directory.resolve(String.valueOf(entry.get("path"))))
				: String.valueOf(entry.get("patch"));
		Object patch = Repository.yaml().load(text);
		Map<String, Object> target = (entry.get("target") != null) ? map(entry.get("target")) : null;
		if (patch instanceof List<?> operations) {
			require(target != null, directory + ": a JSON 6902 patch needs a target");
			List<Map<String, Object>> targets = select(resources, target);
			require(!targets.isEmpty(), directory + ": patch target " + target + " matches nothing");
			for (Map<String, Object> resource : targets) {
				for (Object operation : operations) {
					Json6902.apply(resource, map(operation));
				}
			}
			return;
		}
		Map<String, Object> strategic = map(patch);
		List<Map<String, Object>> targets = (target != null) ? select(resources, target)
				: resources.stream()
					.filter((resource) -> strategic.get("kind").equals(resource.get("kind"))
							&& name(strategic).equals(name(resource)))
					.toList();
		require(!targets.isEmpty(), directory + ": patch " + entry + " matches nothing");
		for (Map<String, Object> resource : targets) {
			Map<String, Object> body = new LinkedHashMap<>(strategic);
			body.remove("apiVersion");
			body.remove("kind");
			if (body.get("metadata") instanceof Map<?, ?> metadata) {
				Map<String, Object> rest = new LinkedHashMap<>(map(metadata));
				rest.remove("name");
				rest.remove("namespace");
				body.put("metadata", rest);
			}
			merge(resource, body);
		}
	}

	private static List<Map<String, Object>> select(List<Map<String, Object>> resources, Map<String, Object> target) {
		Set<String> unsupported = new HashSet<>(target.keySet());
		unsupported.removeAll(Set.of("kind", "name", "labelSelector"));
		require(unsupported.isEmpty(), "unsupported patch target fields " + unsupported);
		return resources.stream().filter((resource) -> {
			if (target.get("kind") != null && !target.get("kind").equals(resource.get("kind"))) {
				return false;
			}
			if (target.get("name") != null && !target.get("name").equals(name(resource))) {
				return false;
			}
			if (target.get("labelSelector") != null) {
				Map<String, Object> labels = map(map(resource.get("metadata")).getOrDefault("labels", Map.of()));
				for (String requirement : String.valueOf(target.get("labelSelector")).split(",")) {
					String[] pair = requirement.trim().split("=", 2);
					require(pair.length == 2, "only k=v label selectors are supported: " + requirement);
					if (!pair[1].equals(labels.get(pair[0]))) {
						return false;
					}
				}
			}
			return true;
		}).toList();
	}

	/** Strategic merge of {@code patch} into {@code target}. */
	@SuppressWarnings("unchecked")
	static void merge(Map<String, Object> target, Map<String, Object> patch) {
		patch.forEach((key, value) -> {
			Object current = target.get(key);
			if (value == null) {
				target.remove(key);
			}
			else if (value instanceof Map<?, ?> map && current instanceof Map<?, ?> existing) {
				merge((Map<String, Object>) existing, (Map<String, Object>) map);
			}
			else if (value instanceof List<?> items && current instanceof List<?> existing
					&& mergeKey(key, items) != null) {
				String mergeKey = mergeKey(key, items);
				List<Object> merged = (List<Object>) existing;
				for (Object item : items) {
					Map<String, Object> patchItem = (Map<String, Object>) item;
					Map<String, Object> match = merged.stream()
						.map((candidate) -> (Map<String, Object>) candidate)
						.filter((candidate) -> Objects.equals(candidate.get(mergeKey), patchItem.get(mergeKey)))
						.findFirst()
						.orElse(null);
					if (match != null) {
						merge(match, patchItem);
					}
					else {
						merged.add(copy(patchItem));
					}
				}
			}
			else {
				target.put(key, copy(value));
			}
		});
	}

	private static String mergeKey(String field, List<?> items) {
		if (field.equals("ports")) {
			return items.stream()
				.allMatch((item) -> item instanceof Map<?, ?> port && port.containsKey("containerPort"))
						? "containerPort" : "port";
		}
		return MERGE_KEYS.get(field);
	}

	private static void setImages(List<Map<String, Object>> resources, Map<String, Object> image) {
		boolean found = false;
		for (Map<String, Object> resource : resources) {
			if (!(resource.get("spec") instanceof Map<?, ?> spec)
					|| !(map(spec).get("template") instanceof Map<?, ?> template)) {
				continue;
			}
			Map<String, Object> podSpec = map(map(template).get("spec"));
			for (String field : List.of("containers", "initContainers")) {
				for (Object item : list(podSpec.get(field))) {
					Map<String, Object> container = map(item);
					String reference = String.valueOf(container.get("image"));
					int tagAt = reference.lastIndexOf(':');
					String name = (tagAt > reference.lastIndexOf('/')) ? reference.substring(0, tagAt) : reference;
					String tag = (tagAt > reference.lastIndexOf('/')) ? reference.substring(tagAt + 1) : null;
					if (name.equals(image.get("name"))) {
						name = String.valueOf(image.getOrDefault("newName", name));
						tag = (image.get("newTag") != null) ? String.valueOf(image.get("newTag")) : tag;
						container.put("image", (tag != null) ? name + ":" + tag : name);
						found = true;
					}
				}
			}
		}
		require(found, "images: no container uses " + image.get("name"));
	}

	static String name(Map<String, Object> resource) {
		return String.valueOf(map(resource.get("metadata")).get("name"));
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (Map<String, Object>) value;
	}

	static List<?> list(Object value) {
		return (value != null) ? (List<?>) value : List.of();
	}

	@SuppressWarnings("unchecked")
	static Object copy(Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(String.valueOf(key), copy(item)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<Object> copy = new ArrayList<>();
			list.forEach((item) -> copy.add(copy(item)));
			return copy;
		}
		return value;
	}

	static void require(boolean condition, String message) {
		if (!condition) {
			throw new IllegalArgumentException(message);
		}
	}

	/** RFC 6902 add, replace and remove on the YAML tree. */
	static final class Json6902 {

		private Json6902() {
		}

		@SuppressWarnings("unchecked")
		static void apply(Map<String, Object> resource, Map<String, Object> operation) {
			String op = String.valueOf(operation.get("op"));
			List<String> path = new ArrayList<>();
			for (String token : String.valueOf(operation.get("path")).substring(1).split("/")) {
				path.add(token.replace("~1", "/").replace("~0", "~"));
			}
			Object parent = resource;
			for (String token : path.subList(0, path.size() - 1)) {
				parent = (parent instanceof List<?> list) ? list.get(Integer.parseInt(token)) : map(parent).get(token);
				require(parent != null, operation + ": no " + token);
			}
			String last = path.get(path.size() - 1);
			if (parent instanceof List<?> list) {
				List<Object> items = (List<Object>) list;
				switch (op) {
					case "add" -> {
						if (last.equals("-")) {
							items.add(copy(operation.get("value")));
						}
						else {
							items.add(Integer.parseInt(last), copy(operation.get("value")));
						}
					}
					case "replace" -> items.set(Integer.parseInt(last), copy(operation.get("value")));
					case "remove" -> items.remove(Integer.parseInt(last));
					default -> throw new IllegalArgumentException("unsupported JSON 6902 operation " + op);
				}
				return;
			}
			Map<String, Object> object = map(parent);
			switch (op) {
				case "add" -> object.put(last, copy(operation.get("value")));
				case "replace" -> {
					require(object.containsKey(last), operation + ": nothing to replace");
					object.put(last, copy(operation.get("value")));
				}
				case "remove" -> require(object.remove(last) != null, operation + ": nothing to remove");
				default -> throw new IllegalArgumentException("unsupported JSON 6902 operation " + op);
			}
		}

	}

}

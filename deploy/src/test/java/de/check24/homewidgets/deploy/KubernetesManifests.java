package de.check24.homewidgets.deploy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** An overlay of deploy/kubernetes, rendered and parsed strictly. */
record KubernetesManifests(String overlay, List<HasMetadata> resources) {

	static final String DIRECTORY = "deploy/kubernetes";

	private static final Map<String, KubernetesManifests> rendered = new ConcurrentHashMap<>();

	static KubernetesManifests overlay(String overlay) {
		return rendered.computeIfAbsent(overlay,
				(name) -> new KubernetesManifests(name, render(DIRECTORY + "/overlays/" + name)));
	}

	static List<HasMetadata> render(String directory) {
		return Kustomize.build(Repository.path(directory)).stream().map(KubernetesModel::parse).toList();
	}

	<T extends HasMetadata> List<T> all(Class<T> kind) {
		return this.resources.stream().filter(kind::isInstance).map(kind::cast).toList();
	}

	<T extends HasMetadata> T named(Class<T> kind, String name) {
		return all(kind).stream()
			.filter((resource) -> resource.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + kind.getSimpleName() + " " + name + " in " + this.overlay));
	}

	List<Deployment> deployments() {
		return all(Deployment.class);
	}

	@Override
	public String toString() {
		return this.overlay;
	}

}

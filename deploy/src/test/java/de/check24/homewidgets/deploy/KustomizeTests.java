package de.check24.homewidgets.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The renderer does what Kustomize does for the features deploy/kubernetes uses. */
class KustomizeTests {

	private static final String DEPLOYMENT = """
			apiVersion: apps/v1
			kind: Deployment
			metadata:
			  name: web
			spec:
			  replicas: 2
			  template:
			    spec:
			      containers:
			        - name: web
			          image: example/web
			          env:
			            - name: A
			              value: "1"
			        - name: sidecar
			          image: example/sidecar:1.0
			""";

	@TempDir
	Path directory;

	@Test
	void strategicMergeMergesContainersAndEnvByNameAndReplacesOtherLists() throws IOException {
		write("base/deployment.yaml", DEPLOYMENT);
		write("base/kustomization.yaml", "namespace: shop\nresources: [deployment.yaml]\n");
		write("overlay/patch.yaml", """
				apiVersion: apps/v1
				kind: Deployment
				metadata:
				  name: web
				spec:
				  template:
				    spec:
				      containers:
				        - name: web
				          args: ["--fast"]
				          env:
				            - name: B
				              value: "2"
				""");
		write("overlay/kustomization.yaml", """
				resources: [../base]
				patches:
				  - path: patch.yaml
				images:
				  - name: example/web
				    newName: registry.example.com/web
				    newTag: "2.0"
				replicas:
				  - name: web
				    count: 5
				""");
		Map<String, Object> deployment = single(Kustomize.build(this.directory.resolve("overlay")));
		assertThat(Kustomize.map(deployment.get("metadata"))).containsEntry("namespace", "shop");
		Map<String, Object> spec = Kustomize.map(deployment.get("spec"));
		assertThat(spec).containsEntry("replicas", 5);
		List<?> containers = (List<?>) Kustomize.map(Kustomize.map(spec.get("template")).get("spec")).get("containers");
		Map<String, Object> web = Kustomize.map(containers.get(0));
		assertThat(containers).hasSize(2);
		assertThat(web).containsEntry("image", "registry.example.com/web:2.0").containsEntry("args", List.of("--fast"));
		assertThat(((List<?>) web.get("env")).stream()
			.map((item) -> String.valueOf(((Map<?, ?>) item).get("name")))
			.toList()).containsExactly("A", "B");
		assertThat(Kustomize.map(containers.get(1))).containsEntry("image", "example/sidecar:1.0");
	}

	@Test
	void json6902PatchesTheTargetsByLabelAndFailsOnAMissingPath() throws IOException {
		write("deployment.yaml", DEPLOYMENT.replace("  name: web\n", "  name: web\n  labels:\n    tier: front\n"));
		write("kustomization.yaml", """
				resources: [deployment.yaml]
				patches:
				  - target:
				      kind: Deployment
				      labelSelector: tier=front
				    patch: |-
				      - op: replace
				        path: /spec/template/spec/containers/0/env/0/value
				        value: "9"
				      - op: add
				        path: /metadata/labels/team~1owner
				        value: shop
				""");
		Map<String, Object> deployment = single(Kustomize.build(this.directory));
		assertThat(Kustomize.map(Kustomize.map(deployment.get("metadata")).get("labels"))).containsEntry("team/owner",
				"shop");
		write("kustomization.yaml", """
				resources: [deployment.yaml]
				patches:
				  - target:
				      kind: Deployment
				    patch: |-
				      - op: replace
				        path: /spec/paused
				        value: true
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> Kustomize.build(this.directory))
			.withMessageContaining("nothing to replace");
	}

	@Test
	void unsupportedFeaturesFailInsteadOfRenderingWrongly() throws IOException {
		write("deployment.yaml", DEPLOYMENT);
		write("kustomization.yaml", "resources: [deployment.yaml]\nnamePrefix: shop-\n");
		assertThatIllegalArgumentException().isThrownBy(() -> Kustomize.build(this.directory))
			.withMessageContaining("namePrefix");
		write("kustomization.yaml", "resources: [deployment.yaml, deployment.yaml]\n");
		assertThatIllegalArgumentException().isThrownBy(() -> Kustomize.build(this.directory))
			.withMessageContaining("defined twice");
	}

	private void write(String file, String content) throws IOException {
		Path path = this.directory.resolve(file);
		Files.createDirectories(path.getParent());
		Files.writeString(path, content);
	}

	private static Map<String, Object> single(List<Map<String, Object>> resources) {
		assertThat(resources).hasSize(1);
		return resources.get(0);
	}

}

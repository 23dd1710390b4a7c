package de.check24.homewidgets.deploy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The Deployments, Services, budgets and configuration of each overlay hold the
 * platform's rules. NetworkPolicies and the Ingress have their own tests.
 */
class KubernetesManifestsTests {

	@Overlays
	void everyManifestParsesStrictlyIntoTheKubernetesModel(String overlay) {
		assertThat(KubernetesManifests.overlay(overlay).resources()).hasSizeGreaterThan(30);
	}

	@Test
	void baseAndDataLayerRenderOnTheirOwn() {
		assertThat(KubernetesManifests.render(KubernetesManifests.DIRECTORY + "/base")).isNotEmpty()
			.allMatch((resource) -> resource.getKind().equals("Namespace")
					|| "home-widgets".equals(resource.getMetadata().getNamespace()));
		assertThat(KubernetesManifests.render(KubernetesManifests.DIRECTORY + "/data-layer")).isNotEmpty()
			.allMatch((resource) -> resource.getKind().equals("Namespace")
					|| "home-widgets-data".equals(resource.getMetadata().getNamespace()));
	}

	@Test
	void anUnknownFieldFailsTheParse() {
		Map<String, Object> manifest = new HashMap<>(
				Map.of("apiVersion", "v1", "kind", "Service", "metadata", Map.of("name", "core-service"), "spec",
						Map.of("selector", Map.of("a", "b"), "sessionAffinty", "None")));
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesModel.parse(manifest))
			.withMessageContaining("sessionAffinty");
		manifest.put("apiVersion", "extensions/v1beta1");
		assertThatIllegalArgumentException().isThrownBy(() -> KubernetesModel.parse(manifest))
			.withMessageContaining("Unknown kind or apiVersion");
	}

	@Overlays
	void everyContainerIsProbedOnTheManagementPortsHealthGroups(String overlay) {
		forEachContainer(overlay, (deployment, container) -> {
			String name = deployment.getMetadata().getName();
			assertThat(path(container.getStartupProbe())).as(name + " startup").isEqualTo("/actuator/health/liveness");
			assertThat(path(container.getLivenessProbe())).as(name + " liveness")
				.isEqualTo("/actuator/health/liveness");
			assertThat(path(container.getReadinessProbe())).as(name + " readiness")
				.isEqualTo("/actuator/health/readiness");
			for (Probe probe : List.of(container.getStartupProbe(), container.getLivenessProbe(),
					container.getReadinessProbe())) {
				assertThat(probe.getHttpGet().getPort().getStrVal()).as(name).isEqualTo("management");
			}
			assertThat(container.getPorts()).as(name)
				.extracting((port) -> port.getName() + ":" + port.getContainerPort())
				.containsExactlyInAnyOrder("http:8000", "management:9000");
		});
	}

	@Overlays
	void everyContainerHasRequestsAndLimitsAndMemoryThatIsNotOvercommitted(String overlay) {
		forEachContainer(overlay, (deployment, container) -> {
			Map<String, Quantity> requests = container.getResources().getRequests();
			Map<String, Quantity> limits = container.getResources().getLimits();
			assertThat(requests).as(deployment.getMetadata().getName()).containsKeys("cpu", "memory");
			assertThat(limits).as(deployment.getMetadata().getName()).containsKeys("cpu", "memory");
			assertThat(limits.get("memory")).isEqualTo(requests.get("memory"));
		});
	}

	@Overlays
	void everyPodRunsAsNonRootOnAReadOnlyRootWithoutPrivilegesOrCapabilities(String overlay) {
		forEachContainer(overlay, (deployment, container) -> {
			String name = deployment.getMetadata().getName();
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
			assertThat(pod.getSecurityContext().getRunAsUser()).as(name).isPositive();
			assertThat(pod.getSecurityContext().getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
			assertThat(pod.getAutomountServiceAccountToken()).as(name).isFalse();
			assertThat(container.getSecurityContext().getRunAsNonRoot()).as(name).isTrue();
			assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).as(name).isTrue();
			assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).as(name).isFalse();
			assertThat(container.getSecurityContext().getCapabilities().getDrop()).as(name).containsExactly("ALL");
			assertThat(container.getSecurityContext().getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
			// A writable /tmp for Tomcat and the JVM, since the root filesystem is not.
			String tmpVolume = container.getVolumeMounts()
				.stream()
				.filter((mount) -> mount.getMountPath().equals("/tmp"))
				.findFirst()
				.orElseThrow()
				.getName();
			assertThat(pod.getVolumes()).as(name)
				.anySatisfy((volume) -> assertThat(volume.getName() + " " + (volume.getEmptyDir() != null))
					.isEqualTo(tmpVolume + " true"));
		});
	}

	@Overlays
	void everyDeploymentSpreadsOverZonesAndNodesAndHasADisruptionBudget(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.overlay(overlay);
		for (Deployment deployment : manifests.deployments()) {
			String name = deployment.getMetadata().getName();
			Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
			assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).as(name)
				.extracting("topologyKey")
				.containsExactlyInAnyOrder("topology.kubernetes.io/zone", "kubernetes.io/hostname");
			assertThat(deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints())
				.allSatisfy((constraint) -> assertThat(podLabels)
					.containsAllEntriesOf(constraint.getLabelSelector().getMatchLabels()));
			PodDisruptionBudget budget = manifests.named(PodDisruptionBudget.class, name);
			assertThat(podLabels).as(name).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
			assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).as(name).isEqualTo(1);
			assertThat(deployment.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).as(name)
				.isZero();
		}
	}

	@Test
	void productionRunsThreeAutoscaledCoresAndTwoOfEachProduct() {
		KubernetesManifests production = KubernetesManifests.overlay("production");
		Deployment core = production.named(Deployment.class, "core-service");
		assertThat(core.getSpec().getReplicas()).as("the autoscaler owns the core's count").isNull();
		HorizontalPodAutoscaler autoscaler = production.named(HorizontalPodAutoscaler.class, "core-service");
		assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo("core-service");
		assertThat(autoscaler.getSpec().getMinReplicas()).isEqualTo(3);
		assertThat(autoscaler.getSpec().getMetrics()).singleElement()
			.satisfies((metric) -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
		for (String product : ServiceVariables.PRODUCTS) {
			assertThat(production.named(Deployment.class, product).getSpec().getReplicas()).as(product).isEqualTo(2);
		}
		assertThat(production.all(HorizontalPodAutoscaler.class)).hasSize(1);
	}

	@Overlays
	void servicesExposeOnlyHttpSoNothingCanRouteToTheManagementPort(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.overlay(overlay);
		assertThat(manifests.all(Service.class)).extracting((service) -> service.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(ServiceVariables.SERVICES);
		for (Service service : manifests.all(Service.class)) {
			assertThat(service.getSpec().getPorts()).as(service.getMetadata().getName())
				.singleElement()
				.satisfies((port) -> {
					assertThat(port.getPort()).isEqualTo(8000);
					assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
				});
			Deployment deployment = manifests.named(Deployment.class, service.getMetadata().getName());
			assertThat(deployment.getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(service.getSpec().getSelector());
		}
	}

	@Overlays
	void imagesAreTheModulesTheDockerfileBuilds(String overlay) {
		forEachContainer(overlay, (deployment, container) -> {
			String name = deployment.getMetadata().getName();
			String repository = container.getImage().replaceAll(":[^/:]+$", "");
			assertThat(repository).as(name).endsWith("home-widgets/" + name);
			assertThat(container.getName()).isEqualTo(name);
			assertThat(Repository.read(name + "/pom.xml")).as(name + " is a Spring Boot module")
				.contains("<artifactId>" + name + "</artifactId>")
				.contains("spring-boot-maven-plugin");
			assertThat(modulesBuiltWithTheDockerfile()).as("docker-compose.yml builds " + name + " with the Dockerfile")
				.contains(name);
		});
		assertThat(Repository.read("Dockerfile")).contains("ARG MODULE");
	}

	/** The MODULE build arguments docker-compose.yml passes to the root Dockerfile. */
	private static Set<String> modulesBuiltWithTheDockerfile() {
		Set<String> modules = new HashSet<>();
		Kustomize.map(Repository.yaml("docker-compose.yml").get("services")).values().forEach((service) -> {
			if (Kustomize.map(service).get("build") instanceof Map<?, ?> build
					&& "Dockerfile".equals(build.get("dockerfile"))) {
				modules.add(String.valueOf(Kustomize.map(Kustomize.map(build).get("args")).get("MODULE")));
			}
		});
		return modules;
	}

	@Test
	void productionRunsReleasedImagesFromTheRegistry() {
		forEachContainer("production", (deployment, container) -> {
			assertThat(container.getImage()).matches("registry\\.[^/]+/home-widgets/[a-z-]+:\\d+\\.\\d+\\.\\d+");
			assertThat(container.getImagePullPolicy()).isEqualTo("Always");
		});
	}

	@Overlays
	void secretsAreReferencedAndNeverIncluded(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.overlay(overlay);
		assertThat(manifests.all(Secret.class)).isEmpty();
		Set<String> documented = new HashSet<>();
		for (var secret : Repository
			.yamlDocuments(Repository.path(KubernetesManifests.DIRECTORY + "/secret.example.yaml"))) {
			Kustomize.map(secret.get("stringData"))
				.keySet()
				.forEach((key) -> documented.add(Kustomize.name(secret) + "/" + key));
		}
		Set<String> referenced = new HashSet<>();
		forEachContainer(overlay, (deployment, container) -> {
			for (EnvVar variable : container.getEnv()) {
				assertThat(variable.getValue()).as(variable.getName() + " is referenced, not inlined").isNull();
				var reference = variable.getValueFrom().getSecretKeyRef();
				assertThat(reference.getKey()).isEqualTo(variable.getName());
				assertThat(reference.getName()).isEqualTo(deployment.getMetadata().getName() + "-secrets");
				referenced.add(reference.getName() + "/" + reference.getKey());
			}
			for (EnvFromSource source : container.getEnvFrom()) {
				assertThat(source.getSecretRef()).isNull();
				manifests.named(ConfigMap.class, source.getConfigMapRef().getName());
			}
		});
		assertThat(referenced).isEqualTo(documented);
	}

	@Overlays
	void everyVariableTheManifestsSetIsReadByItsService(String overlay) {
		forEachContainer(overlay, (deployment, container) -> {
			String module = deployment.getMetadata().getName();
			for (String variable : variables(overlay, container).keySet()) {
				assertThat(ServiceVariables.reads(module, variable)).as(module + " reads " + variable).isTrue();
			}
		});
	}

	@Test
	void coreGetsEachProductsUrlAndTokenAndProductsTheirOwnDatabase() {
		Container core = container("production", "core-service");
		Map<String, String> coreVariables = variables("production", core);
		for (String product : ServiceVariables.PRODUCTS) {
			String key = product.replace("-service", "").toUpperCase().replace('-', '_');
			assertThat(coreVariables).containsEntry(key + "_SERVICE_URL", "http://" + product + ":8000")
				.containsKey(key + "_SERVICE_TOKEN");
			String database = product.replace("-service", "");
			assertThat(variables("production", container("production", product)))
				.containsEntry("DB_HOST", database + "-db-rw.home-widgets-data.svc")
				.containsEntry("CORE_SERVICE_URL", "http://core-service:8000");
		}
		assertThat(coreVariables).containsKey("REDIS_CLUSTER_NODES").doesNotContainKey("REDIS_HOST");
	}

	@Test
	void productionReplicatesTopicsThreeTimesWithTwoInSyncAndLocalOnce() {
		for (String product : ServiceVariables.PRODUCTS) {
			assertThat(variables("production", container("production", product))).as(product)
				.containsEntry("KAFKA_TOPIC_REPLICATION_FACTOR", "3")
				.containsEntry("KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "2");
			assertThat(variables("local", container("local", product))).as(product)
				.containsEntry("KAFKA_TOPIC_REPLICATION_FACTOR", "1")
				.containsEntry("KAFKA_TOPIC_MIN_INSYNC_REPLICAS", "1");
		}
	}

	@Test
	void theFourProductManifestsDifferOnlyInTheirKey() {
		String car = Repository.read(KubernetesManifests.DIRECTORY + "/base/products/car-insurance.yaml");
		for (String product : List.of("health-insurance", "house-insurance", "banking")) {
			String expected = car.replace("car-insurance", product)
				.replace("car_insurance", product.replace('-', '_'))
				.replace("CAR_INSURANCE", product.toUpperCase().replace('-', '_'));
			assertThat(Repository.read(KubernetesManifests.DIRECTORY + "/base/products/" + product + ".yaml"))
				.isEqualTo(expected);
		}
	}

	/** Plain values and ConfigMap entries; secret references as {@code <secret>}. */
	private static Map<String, String> variables(String overlay, Container container) {
		Map<String, String> variables = new HashMap<>();
		for (EnvFromSource source : container.getEnvFrom()) {
			variables.putAll(KubernetesManifests.overlay(overlay)
				.named(ConfigMap.class, source.getConfigMapRef().getName())
				.getData());
		}
		for (EnvVar variable : container.getEnv()) {
			variables.put(variable.getName(), (variable.getValue() != null) ? variable.getValue() : "<secret>");
		}
		return variables;
	}

	private static Container container(String overlay, String deployment) {
		return KubernetesManifests.overlay(overlay)
			.named(Deployment.class, deployment)
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0);
	}

	private static String path(Probe probe) {
		assertThat(probe).isNotNull();
		return probe.getHttpGet().getPath();
	}

	private static void forEachContainer(String overlay, java.util.function.BiConsumer<Deployment, Container> check) {
		List<Deployment> deployments = KubernetesManifests.overlay(overlay).deployments();
		assertThat(deployments).extracting((deployment) -> deployment.getMetadata().getName())
			.containsExactlyInAnyOrderElementsOf(ServiceVariables.SERVICES);
		for (Deployment deployment : deployments) {
			PodSpec pod = deployment.getSpec().getTemplate().getSpec();
			assertThat(pod.getInitContainers()).isEmpty();
			pod.getContainers().forEach((container) -> check.accept(deployment, container));
		}
	}

}

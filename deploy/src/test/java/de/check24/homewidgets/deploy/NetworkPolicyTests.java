package de.check24.homewidgets.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import org.junit.jupiter.api.Test;

import de.check24.homewidgets.deploy.NetworkPolicies.Pod;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec's "Network Security" table, one test per rule, evaluated over the production
 * overlay's policies for the platform's pods (as the Deployments label them) and the pods
 * around them: the ingress controller, Prometheus, the trace collector, DNS, the
 * operators' data stores (with the labels the operators give them), and strangers.
 */
class NetworkPolicyTests {

	private static final KubernetesManifests production = KubernetesManifests.overlay("production");

	private static final NetworkPolicies policies = new NetworkPolicies(production.all(NetworkPolicy.class));

	private static final Pod core = pod("core-service");

	private static final List<Pod> products = ServiceVariables.PRODUCTS.stream().map(NetworkPolicyTests::pod).toList();

	private static final Pod ingressController = new Pod("controller", "ingress-nginx",
			Map.of("app.kubernetes.io/name", "ingress-nginx", "app.kubernetes.io/component", "controller"));

	private static final Pod prometheus = new Pod("prometheus", "monitoring",
			Map.of("app.kubernetes.io/name", "prometheus"));

	private static final Pod traceCollector = new Pod("otel-collector", "monitoring",
			Map.of("app.kubernetes.io/name", "opentelemetry-collector"));

	private static final Pod dns = new Pod("coredns", "kube-system", Map.of("k8s-app", "kube-dns"));

	private static final Pod redis = new Pod("home-widgets-redis-leader-0", "home-widgets-data",
			Map.of("app", "home-widgets-redis-leader", "redis_setup_type", "cluster", "role", "leader"));

	private static final Pod kafka = new Pod("home-widgets-broker-0", "home-widgets-data",
			Map.of("strimzi.io/cluster", "home-widgets", "strimzi.io/kind", "Kafka", "strimzi.io/name",
					"home-widgets-kafka", "strimzi.io/broker-role", "true"));

	private static final List<Pod> databases = ServiceVariables.PRODUCTS.stream()
		.map((product) -> product.replace("-service", "-db"))
		.map((cluster) -> new Pod(cluster + "-1", "home-widgets-data",
				Map.of("cnpg.io/cluster", cluster, "cnpg.io/podRole", "instance")))
		.toList();

	private static final Pod postgresOperator = new Pod("cnpg-controller-manager", "cnpg-system",
			Map.of("app.kubernetes.io/name", "cloudnative-pg"));

	private static final Pod stranger = new Pod("intruder", "default", Map.of("app", "intruder"));

	/** Someone's kubectl run in the platform's own namespace. */
	private static final Pod strayPod = new Pod("debug", "home-widgets", Map.of("run", "debug"));

	private static final List<Pod> everyone = everyone();

	@Test
	void coreAcceptsHttpOnlyFromTheIngressControllerAndTheProducts() {
		assertThat(senders(core, 8000)).containsExactlyInAnyOrderElementsOf(names(ingressController, products));
	}

	@Test
	void productsAcceptHttpOnlyFromTheCoreAndTheIngressControllerForImages() {
		for (Pod product : products) {
			assertThat(senders(product, 8000)).as(product.name())
				.containsExactlyInAnyOrderElementsOf(names(core, ingressController));
		}
	}

	@Test
	void theManagementPortAcceptsOnlyPrometheus() {
		for (Pod service : services()) {
			assertThat(senders(service, 9000)).as(service.name()).containsExactly(prometheus.toString());
		}
	}

	@Test
	void noOtherPortOfTheServicesIsOpen() {
		for (Pod service : services()) {
			for (int port : List.of(5005, 8080, 9001, 9090)) {
				assertThat(senders(service, port)).as(service.name() + ":" + port).isEmpty();
			}
		}
	}

	@Test
	void redisAcceptsOnlyTheCoreAndItsOwnCluster() {
		assertThat(senders(redis, 6379))
			.containsExactlyInAnyOrderElementsOf(names(core, dataLayerBut(redis), postgresOperator));
	}

	@Test
	void kafkaAcceptsOnlyTheServicesAndItsOwnCluster() {
		List<Pod> expected = new ArrayList<>(services());
		expected.addAll(dataLayerBut(kafka));
		expected.add(postgresOperator);
		assertThat(senders(kafka, 9092)).containsExactlyInAnyOrderElementsOf(names(expected));
	}

	@Test
	void eachProductsDatabaseAcceptsOnlyThatProduct() {
		for (int i = 0; i < products.size(); i++) {
			assertThat(senders(databases.get(i), 5432)).as(databases.get(i).name())
				.containsExactlyInAnyOrderElementsOf(
						names(products.get(i), dataLayerBut(databases.get(i)), postgresOperator));
		}
	}

	@Test
	void dataLayerAcceptsOnlyTheServicesItsOperatorsAndPrometheusFromOutsideItsNamespace() {
		Set<String> outsiders = new TreeSet<>();
		for (Pod data : dataLayer()) {
			for (int port : List.of(6379, 16379, 9092, 9093, 5432, 8000, 9187)) {
				senders(data, port).stream()
					.filter((sender) -> !sender.startsWith("home-widgets-data/"))
					.forEach(outsiders::add);
			}
		}
		List<Pod> expected = new ArrayList<>(services());
		expected.add(postgresOperator);
		expected.add(prometheus);
		assertThat(outsiders).containsExactlyInAnyOrderElementsOf(names(expected));
	}

	@Test
	void strangersReachNothingOfThePlatform() {
		List<Pod> platform = new ArrayList<>(services());
		platform.addAll(dataLayer());
		for (Pod target : platform) {
			for (int port : List.of(8000, 9000, 6379, 9092, 5432)) {
				assertThat(policies.allows(stranger, target, port)).as(target + ":" + port).isFalse();
				assertThat(policies.allows(strayPod, target, port)).as(target + ":" + port).isFalse();
			}
		}
	}

	@Test
	void theCoreReachesTheProductsRedisKafkaAndTheCollectorAndNoDatabase() {
		assertThat(receivers(core, 8000)).containsExactlyInAnyOrderElementsOf(names(products));
		assertThat(receivers(core, 6379)).containsExactly(redis.toString());
		assertThat(receivers(core, 9092)).containsExactly(kafka.toString());
		assertThat(receivers(core, 4318)).containsExactly(traceCollector.toString());
		assertThat(receivers(core, 5432)).isEmpty();
	}

	@Test
	void productsReachTheirDatabaseKafkaTheCoreAndTheCollectorAndNotRedis() {
		for (int i = 0; i < products.size(); i++) {
			Pod product = products.get(i);
			// Out to the product databases; each database's own policy lets in only its
			// product.
			assertThat(receivers(product, 5432)).as(product.name())
				.containsExactlyInAnyOrderElementsOf(names(databases));
			for (Pod database : databases) {
				assertThat(policies.allows(product, database, 5432)).as(product.name() + " -> " + database.name())
					.isEqualTo(database.equals(databases.get(i)));
			}
			assertThat(receivers(product, 9092)).as(product.name()).containsExactly(kafka.toString());
			assertThat(receivers(product, 8000)).as(product.name()).containsExactly(core.toString());
			assertThat(receivers(product, 4318)).as(product.name()).containsExactly(traceCollector.toString());
			assertThat(receivers(product, 6379)).as(product.name()).isEmpty();
		}
	}

	@Test
	void everyPodOfThePlatformResolvesNamesThroughKubeDns() {
		List<Pod> platform = new ArrayList<>(services());
		platform.addAll(dataLayer());
		for (Pod pod : platform) {
			assertThat(policies.allows(pod, dns, 53, "UDP")).as(pod.name()).isTrue();
			assertThat(policies.allows(pod, dns, 53, "TCP")).as(pod.name()).isTrue();
			assertThat(policies.allows(pod, stranger, 53, "UDP")).as(pod.name()).isFalse();
		}
	}

	@Test
	void noPolicyOpensThePlatformToTheInternet() {
		for (NetworkPolicy policy : production.all(NetworkPolicy.class)) {
			policy.getSpec().getEgress().forEach((rule) -> rule.getTo().forEach((peer) -> {
				if (peer.getIpBlock() != null) {
					assertThat(peer.getIpBlock().getCidr()).as(policy.getMetadata().getName())
						.matches("10\\..*|172\\.(1[6-9]|2\\d|3[01])\\..*|192\\.168\\..*");
				}
			}));
			policy.getSpec()
				.getIngress()
				.forEach((rule) -> rule.getFrom()
					.forEach((peer) -> assertThat(peer.getIpBlock()).as(policy.getMetadata().getName()).isNull()));
		}
	}

	@Test
	void bothNamespacesDenyByDefault() {
		for (String namespace : List.of("home-widgets", "home-widgets-data")) {
			assertThat(production.all(NetworkPolicy.class)).as(namespace).anySatisfy((policy) -> {
				assertThat(policy.getMetadata().getNamespace()).isEqualTo(namespace);
				assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
				assertThat(policy.getSpec().getPodSelector().getMatchExpressions()).isEmpty();
				assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
				assertThat(policy.getSpec().getIngress()).isEmpty();
				assertThat(policy.getSpec().getEgress()).isEmpty();
			});
		}
	}

	@Test
	void theEvaluatorSeesThatAnUnselectedPodIsOpen() {
		NetworkPolicies none = new NetworkPolicies(List.of());
		assertThat(none.allows(stranger, core, 8000)).isTrue();
		assertThat(policies.allows(prometheus, stranger, 9000)).isTrue();
	}

	/**
	 * Whom the target's own policies let in, whatever the senders' namespaces let out: a
	 * sender may live in a namespace without policies.
	 */
	private static List<String> senders(Pod target, int port) {
		return select(everyone, (pod) -> !pod.equals(target) && policies.allowsIngress(target, pod, port, "TCP"));
	}

	/** Where the source's own policies let it connect, whatever the receivers let in. */
	private static List<String> receivers(Pod source, int port) {
		return select(everyone, (pod) -> !pod.equals(source) && policies.allowsEgress(source, pod, port, "TCP"));
	}

	private static List<String> select(List<Pod> pods, Predicate<Pod> predicate) {
		return pods.stream().filter(predicate).map(Pod::toString).toList();
	}

	private static List<String> names(Object... podsOrLists) {
		List<String> names = new ArrayList<>();
		for (Object item : podsOrLists) {
			if (item instanceof Pod pod) {
				names.add(pod.toString());
			}
			else {
				((List<?>) item).forEach((pod) -> names.add(pod.toString()));
			}
		}
		return names;
	}

	private static List<Pod> services() {
		List<Pod> services = new ArrayList<>(products);
		services.add(0, core);
		return services;
	}

	private static List<Pod> dataLayer() {
		List<Pod> data = new ArrayList<>(databases);
		data.add(0, kafka);
		data.add(0, redis);
		return data;
	}

	/**
	 * The data layer's other pods: replication and cluster traffic stay inside its
	 * namespace.
	 */
	private static List<Pod> dataLayerBut(Pod pod) {
		List<Pod> data = dataLayer();
		data.remove(pod);
		return data;
	}

	private static List<Pod> everyone() {
		List<Pod> pods = new ArrayList<>(services());
		pods.addAll(dataLayer());
		pods.addAll(List.of(ingressController, prometheus, traceCollector, dns, postgresOperator, stranger, strayPod));
		return pods;
	}

	/** A platform pod as its Deployment labels it. */
	private static Pod pod(String deployment) {
		Deployment rendered = production.named(Deployment.class, deployment);
		return new Pod(deployment, rendered.getMetadata().getNamespace(),
				rendered.getSpec().getTemplate().getMetadata().getLabels());
	}

}

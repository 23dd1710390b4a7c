package de.check24.homewidgets.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example custom resources for the operators (deploy/kubernetes/data-layer/examples)
 * provide exactly what the services' configuration and the NetworkPolicies point at.
 */
class DataLayerExamplesTests {

	private static final String EXAMPLES = KubernetesManifests.DIRECTORY + "/data-layer/examples/";

	private static final KubernetesManifests production = KubernetesManifests.overlay("production");

	@Test
	void theRedisClusterHasThreeMastersWithAReplicaEachBehindTheCoresSeedNode() {
		Map<String, Object> cluster = single("redis-cluster.yaml", "RedisCluster");
		Map<String, Object> spec = Kustomize.map(cluster.get("spec"));
		assertThat(spec).containsEntry("clusterSize", 3);
		assertThat(Kustomize.map(spec.get("redisLeader"))).containsEntry("replicas", 3);
		assertThat(Kustomize.map(spec.get("redisFollower"))).containsEntry("replicas", 3);
		assertThat(coreConfig().get("REDIS_CLUSTER_NODES"))
			.isEqualTo(Kustomize.name(cluster) + "-leader." + namespace(cluster) + ".svc:6379");
	}

	@Test
	void kafkaHasThreeBrokersThatCreateNoTopicAndAdmitTheSamePeersAsTheNetworkPolicy() {
		Map<String, Object> kafka = single("kafka.yaml", "Kafka");
		Map<String, Object> pool = single("kafka.yaml", "KafkaNodePool");
		assertThat(Kustomize.map(Kustomize.map(pool.get("metadata")).get("labels"))).containsEntry("strimzi.io/cluster",
				Kustomize.name(kafka));
		assertThat(Kustomize.map(pool.get("spec"))).containsEntry("replicas", 3)
			.containsEntry("roles", List.of("controller", "broker"));
		Map<String, Object> broker = Kustomize.map(Kustomize.map(kafka.get("spec")).get("kafka"));
		assertThat(Kustomize.map(broker.get("config"))).containsEntry("auto.create.topics.enable", false)
			.containsEntry("min.insync.replicas", 2)
			.containsEntry("default.replication.factor", 3);
		Map<String, Object> listener = Kustomize.map(((List<?>) broker.get("listeners")).get(0));
		assertThat(listener).containsEntry("port", 9092);
		Map<?, ?> policy = Repository
			.yamlDocuments(Repository.path(KubernetesManifests.DIRECTORY + "/data-layer/kafka.yaml"))
			.get(0);
		Object policyPeers = Kustomize.map(((List<?>) Kustomize.map(policy.get("spec")).get("ingress")).get(0))
			.get("from");
		assertThat(listener.get("networkPolicyPeers")).isEqualTo(policyPeers);
		String bootstrap = Kustomize.name(kafka) + "-kafka-bootstrap." + namespace(kafka) + ".svc:9092";
		assertThat(coreConfig()).containsEntry("KAFKA_BROKER", bootstrap);
		for (String product : ServiceVariables.PRODUCTS) {
			assertThat(productConfig(product)).containsEntry("KAFKA_BROKER", bootstrap);
		}
	}

	@Test
	void eachProductHasItsOwnPostgresClusterWithTheDatabaseAndOwnerItConnectsAs() {
		List<Map<String, Object>> clusters = all("postgres.yaml", "Cluster");
		assertThat(clusters).hasSize(ServiceVariables.PRODUCTS.size());
		for (String product : ServiceVariables.PRODUCTS) {
			String name = product.replace("-service", "-db");
			Map<String, Object> cluster = clusters.stream()
				.filter((candidate) -> Kustomize.name(candidate).equals(name))
				.findFirst()
				.orElseThrow();
			Map<String, Object> initdb = Kustomize
				.map(Kustomize.map(Kustomize.map(cluster.get("spec")).get("bootstrap")).get("initdb"));
			assertThat(productConfig(product)).as(product)
				.containsEntry("DB_HOST", name + "-rw." + namespace(cluster) + ".svc")
				.containsEntry("DB_NAME", String.valueOf(initdb.get("database")))
				.containsEntry("DB_USER", String.valueOf(initdb.get("owner")));
		}
	}

	private static Map<String, String> coreConfig() {
		return production.named(ConfigMap.class, "core-service-config").getData();
	}

	private static Map<String, String> productConfig(String product) {
		return production.named(ConfigMap.class, product + "-config").getData();
	}

	private static String namespace(Map<String, Object> resource) {
		return String.valueOf(Kustomize.map(resource.get("metadata")).get("namespace"));
	}

	private static Map<String, Object> single(String file, String kind) {
		List<Map<String, Object>> resources = all(file, kind);
		assertThat(resources).hasSize(1);
		return resources.get(0);
	}

	private static List<Map<String, Object>> all(String file, String kind) {
		return Repository.yamlDocuments(Repository.path(EXAMPLES + file))
			.stream()
			.filter((resource) -> kind.equals(resource.get("kind")))
			.toList();
	}

}

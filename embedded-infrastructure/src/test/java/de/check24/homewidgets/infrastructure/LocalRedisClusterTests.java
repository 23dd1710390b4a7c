package de.check24.homewidgets.infrastructure;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.exceptions.JedisException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LocalRedisClusterTests {

	private final LocalRedisCluster cluster = LocalRedisCluster.shared();

	@AfterEach
	void everyNodeRunsAgain() {
		this.cluster.ports().forEach(this.cluster::startNode);
		await().atMost(Duration.ofSeconds(30)).until(this.cluster::isHealthy);
	}

	@Test
	void threeMastersServeAllSlotsAndEachHasAReplica() {
		assertThat(this.cluster.ports()).hasSize(6);
		assertThat(this.cluster.nodes().split(",")).hasSize(6).allMatch((node) -> node.startsWith("127.0.0.1:"));
		for (int port : this.cluster.ports()) {
			String info = clusterInfo(port);
			assertThat(info).as("CLUSTER INFO of " + port)
				.contains("cluster_state:ok", "cluster_slots_assigned:16384", "cluster_slots_ok:16384",
						"cluster_known_nodes:6", "cluster_size:3");
		}
		assertThat(this.cluster.masters()).hasSize(3);
	}

	@Test
	void keysLandOnEveryMasterAndAreReadThroughAnyNode() {
		Map<String, Integer> masterOfKey = new HashMap<>();
		try (JedisCluster client = client()) {
			for (int user = 1; masterOfKey.values().stream().distinct().count() < 3 && user <= 100; user++) {
				// the core's key layout: one hash slot per user
				String key = "sdui:home_page:v1:{user:" + user + "}";
				client.set(key, "home of " + user);
				masterOfKey.put(key, this.cluster.masterFor(key).orElseThrow());
			}
			assertThat(Set.copyOf(masterOfKey.values())).isEqualTo(this.cluster.masters());
			masterOfKey.keySet().forEach((key) -> assertThat(client.get(key)).isEqualTo("home of " + userOf(key)));
		}
		for (int master : this.cluster.masters()) {
			try (Jedis jedis = new Jedis("127.0.0.1", master, 2000)) {
				assertThat(jedis.dbSize()).as("keys on master " + master).isPositive();
			}
		}
	}

	@Test
	void whenAMasterStopsItsReplicaIsPromotedAndServesItsKeys() {
		String key = "sdui:home_page:v1:{user:123}";
		int master = this.cluster.masterFor(key).orElseThrow();
		int replica;
		try (JedisCluster client = client(); Jedis direct = new Jedis("127.0.0.1", master, 2000)) {
			client.set(key, "home of 123");
			assertThat(direct.waitReplicas(1, 2000)).as("replicas that have the key").isEqualTo(1);
			replica = replicaPort(direct.info("replication"));
		}

		this.cluster.stopNode(master);

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.cluster.masterFor(key).filter((promoted) -> promoted != master).isPresent());
		int promoted = this.cluster.masterFor(key).orElseThrow();
		assertThat(promoted).as("the promoted node").isEqualTo(replica);
		try (JedisCluster client = client()) {
			await().atMost(Duration.ofSeconds(30))
				.ignoreExceptionsInstanceOf(JedisException.class)
				.until(() -> "home of 123".equals(client.get(key)));
		}
		assertThat(this.cluster.masters()).contains(promoted).doesNotContain(master);

		// the old master comes back as the replica of the one that took over
		this.cluster.startNode(master);
		await().atMost(Duration.ofSeconds(30)).until(this.cluster::isHealthy);
		assertThat(this.cluster.masterFor(key)).contains(promoted);
		try (Jedis former = new Jedis("127.0.0.1", master, 2000)) {
			assertThat(former.info("replication")).contains("role:slave", "master_port:" + promoted);
		}
	}

	private JedisCluster client() {
		Set<HostAndPort> nodes = this.cluster.ports()
			.stream()
			.map((port) -> new HostAndPort("127.0.0.1", port))
			.collect(Collectors.toSet());
		return new JedisCluster(nodes,
				DefaultJedisClientConfig.builder().connectionTimeoutMillis(500).socketTimeoutMillis(1000).build(), 5,
				Duration.ofSeconds(5));
	}

	private static String clusterInfo(int port) {
		try (Jedis jedis = new Jedis("127.0.0.1", port, 2000)) {
			return jedis.clusterInfo();
		}
	}

	/** The port in {@code slave0:ip=127.0.0.1,port=30004,...} of INFO replication. */
	private static int replicaPort(String replication) {
		Matcher matcher = Pattern.compile("slave0:ip=[^,]+,port=(\\d+)").matcher(replication);
		assertThat(matcher.find()).as(replication).isTrue();
		return Integer.parseInt(matcher.group(1));
	}

	private static String userOf(String key) {
		return key.substring(key.indexOf("{user:") + 6, key.indexOf('}'));
	}

}

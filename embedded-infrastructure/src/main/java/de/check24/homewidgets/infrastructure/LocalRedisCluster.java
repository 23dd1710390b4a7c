package de.check24.homewidgets.infrastructure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisClusterCRC16;

/**
 * A Redis Cluster of six real {@code redis-server} processes: three masters with 16384
 * slots between them and one replica each, formed with {@code CLUSTER MEET},
 * {@code ADDSLOTS} and {@code REPLICATE} (no {@code redis-cli} needed). Each node can be
 * stopped and started again on its port with its cluster identity; when a master stops,
 * the cluster promotes its replica by itself after {@link #NODE_TIMEOUT}.
 */
public final class LocalRedisCluster implements AutoCloseable {

	/**
	 * The cluster's {@code cluster-node-timeout}: how long a node may be silent before
	 * failover.
	 */
	public static final Duration NODE_TIMEOUT = Duration.ofMillis(2000);

	private static final int MASTERS = 3;

	private static final int SLOTS = 16384;

	/** Redis 6.2 talks cluster bus on the client port plus 10000. */
	private static final int BUS_PORT_OFFSET = 10000;

	private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);

	private static final Logger logger = LoggerFactory.getLogger(LocalRedisCluster.class);

	private static final SharedServer<LocalRedisCluster> shared = new SharedServer<>(LocalRedisCluster::start);

	private final Path directory;

	private final Map<Integer, RedisProcess> nodes = new LinkedHashMap<>();

	private LocalRedisCluster(Path directory, List<Integer> ports) {
		this.directory = directory;
		for (int port : ports) {
			this.nodes.put(port,
					new RedisProcess(port, directory.resolve("node-" + port), List.of("cluster-enabled yes",
							"cluster-config-file nodes.conf", "cluster-node-timeout " + NODE_TIMEOUT.toMillis(),
							// a replica takes over however long it was cut off
							"cluster-replica-validity-factor 0", "maxmemory 128mb", "maxmemory-policy allkeys-lru")));
		}
	}

	/**
	 * The JVM-wide cluster, started on first use and stopped when the JVM exits.
	 * @return the running cluster; a test that stops a node starts it again when done
	 */
	public static LocalRedisCluster shared() {
		return shared.get();
	}

	/**
	 * Starts six nodes on free ports and forms the cluster.
	 * @return the cluster, once every node reports {@code cluster_state:ok}
	 */
	public static LocalRedisCluster start() {
		LocalRedisCluster cluster = new LocalRedisCluster(Directories.temporary("local-redis-cluster-"),
				freePorts(2 * MASTERS));
		ShutdownSequence.add(cluster);
		try {
			cluster.form();
		}
		catch (RuntimeException ex) {
			cluster.close();
			throw ex;
		}
		logger.info("Redis Cluster listening on {}", cluster.nodes());
		return cluster;
	}

	/**
	 * Every node, for {@code REDIS_CLUSTER_NODES} or
	 * {@code spring.data.redis.cluster.nodes}.
	 * @return {@code 127.0.0.1:port,...}
	 */
	public String nodes() {
		return ports().stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
	}

	/**
	 * The nodes' client ports; the first three started as masters.
	 * @return the ports, stable across stop and start
	 */
	public List<Integer> ports() {
		return List.copyOf(this.nodes.keySet());
	}

	/**
	 * Stops one node's process.
	 * @param port the node's port
	 */
	public void stopNode(int port) {
		RedisProcess node = node(port);
		if (node.isRunning()) {
			node.stop();
			logger.info("Redis Cluster node 127.0.0.1:{} stopped", port);
		}
	}

	/**
	 * Starts a stopped node again on its port; it rejoins with its identity (a former
	 * master whose replica was promoted comes back as that replica's replica).
	 * @param port the node's port
	 */
	public void startNode(int port) {
		RedisProcess node = node(port);
		if (!node.isRunning()) {
			node.start();
			logger.info("Redis Cluster node 127.0.0.1:{} started", port);
		}
	}

	public boolean isRunning(int port) {
		return node(port).isRunning();
	}

	/**
	 * The master that serves a key, as the running nodes see the cluster now.
	 * @param key the key (its hash tag decides the slot)
	 * @return the master's port, or empty while no reachable master serves the slot
	 */
	public Optional<Integer> masterFor(String key) {
		int slot = JedisClusterCRC16.getSlot(key);
		return view().stream()
			.filter((node) -> node.isServingMaster() && node.serves(slot))
			.map(ClusterNode::port)
			.findFirst();
	}

	/**
	 * The masters that serve slots, as the running nodes see the cluster now.
	 * @return their ports
	 */
	public Set<Integer> masters() {
		return view().stream().filter(ClusterNode::isServingMaster).map(ClusterNode::port).collect(Collectors.toSet());
	}

	/**
	 * Whether every node runs and reports {@code cluster_state:ok} with all 16384 slots
	 * served, and every master has a replica.
	 * @return the cluster's health now
	 */
	public boolean isHealthy() {
		for (int port : ports()) {
			if (!isRunning(port)) {
				return false;
			}
			String info = clusterInfo(port);
			if (!info.contains("cluster_state:ok") || !info.contains("cluster_slots_ok:" + SLOTS)
					|| !info.contains("cluster_known_nodes:" + this.nodes.size())) {
				return false;
			}
		}
		List<ClusterNode> view = view();
		long masters = view.stream().filter(ClusterNode::isServingMaster).count();
		long replicas = view.stream().filter((node) -> node.flags().contains("slave") && !node.isFailing()).count();
		return masters == MASTERS && replicas == MASTERS;
	}

	/** Stops every node and deletes the cluster's data. */
	@Override
	public void close() {
		this.nodes.values().forEach(RedisProcess::stop);
		ShutdownSequence.remove(this);
		Directories.deleteRecursively(this.directory);
	}

	@Override
	public String toString() {
		return "Redis Cluster on " + nodes();
	}

	private void form() {
		this.nodes.values().forEach(RedisProcess::start);
		List<Integer> ports = ports();
		List<Integer> masters = ports.subList(0, MASTERS);
		// what redis-cli --cluster create does: slots to the masters, a distinct config
		// epoch per node, then every node meets the first
		for (int i = 0; i < MASTERS; i++) {
			int[] slots = IntStream.range(SLOTS * i / MASTERS, SLOTS * (i + 1) / MASTERS).toArray();
			command(masters.get(i), (jedis) -> jedis.clusterAddSlots(slots));
		}
		for (int i = 0; i < ports.size(); i++) {
			long epoch = i + 1;
			command(ports.get(i), (jedis) -> jedis.clusterSetConfigEpoch(epoch));
		}
		for (int port : ports.subList(1, ports.size())) {
			command(ports.get(0), (jedis) -> jedis.clusterMeet("127.0.0.1", port));
		}
		await("every node knows the other five", () -> ports.stream()
			.allMatch((port) -> clusterInfo(port).contains("cluster_known_nodes:" + ports.size())));
		for (int i = 0; i < MASTERS; i++) {
			String masterId = command(masters.get(i), (jedis) -> jedis.clusterMyId());
			command(ports.get(MASTERS + i), (jedis) -> jedis.clusterReplicate(masterId));
		}
		await("the cluster is formed", this::isHealthy);
	}

	private List<ClusterNode> view() {
		for (int port : ports()) {
			if (isRunning(port)) {
				String nodes = command(port, (jedis) -> jedis.clusterNodes());
				if (nodes != null) {
					return nodes.lines().map(ClusterNode::parse).toList();
				}
			}
		}
		return List.of();
	}

	private RedisProcess node(int port) {
		RedisProcess node = this.nodes.get(port);
		if (node == null) {
			throw new IllegalArgumentException("No node on port " + port + "; nodes are " + nodes());
		}
		return node;
	}

	/** {@code CLUSTER INFO} of one node, empty when it does not answer. */
	private static String clusterInfo(int port) {
		String info = command(port, Jedis::clusterInfo);
		return (info != null) ? info : "";
	}

	/** Runs a command on one node; {@code null} when the node does not answer. */
	private static <T> T command(int port, java.util.function.Function<Jedis, T> command) {
		try (Jedis jedis = new Jedis("127.0.0.1", port, 2000)) {
			return command.apply(jedis);
		}
		catch (JedisException ex) {
			return null;
		}
	}

	private static void await(String what, BooleanSupplier condition) {
		long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Redis Cluster: not true within " + FORMATION_TIMEOUT + ": " + what);
			}
			try {
				TimeUnit.MILLISECONDS.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while waiting until " + what, ex);
			}
		}
	}

	/**
	 * Ports for the nodes: each one free together with its cluster bus port (+10000),
	 * which must stay below 65536.
	 */
	private static List<Integer> freePorts(int count) {
		List<Integer> ports = new ArrayList<>();
		Set<Integer> tried = new HashSet<>();
		for (int attempt = 0; attempt < 1000 && ports.size() < count; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20000, 50000);
			if (tried.add(port) && LocalPorts.isFree(port) && LocalPorts.isFree(port + BUS_PORT_OFFSET)) {
				ports.add(port);
			}
		}
		if (ports.size() < count) {
			throw new IllegalStateException("No " + count + " free port pairs (port, port + 10000) found");
		}
		return ports;
	}

	/** One line of {@code CLUSTER NODES}. */
	private record ClusterNode(int port, Set<String> flags, List<int[]> slotRanges) {

		static ClusterNode parse(String line) {
			String[] fields = line.split(" ");
			String address = fields[1];
			int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1, address.indexOf('@')));
			List<int[]> ranges = new ArrayList<>();
			for (int i = 8; i < fields.length; i++) {
				String range = fields[i];
				if (range.startsWith("[")) {
					continue; // a slot being migrated
				}
				int dash = range.indexOf('-');
				ranges.add((dash < 0) ? new int[] { Integer.parseInt(range), Integer.parseInt(range) } : new int[] {
						Integer.parseInt(range.substring(0, dash)), Integer.parseInt(range.substring(dash + 1)) });
			}
			return new ClusterNode(port, Set.of(fields[2].split(",")), ranges);
		}

		boolean isFailing() {
			return this.flags.contains("fail") || this.flags.contains("fail?");
		}

		boolean isServingMaster() {
			return this.flags.contains("master") && !isFailing() && !this.slotRanges.isEmpty();
		}

		boolean serves(int slot) {
			return this.slotRanges.stream().anyMatch((range) -> range[0] <= slot && slot <= range[1]);
		}

	}

}

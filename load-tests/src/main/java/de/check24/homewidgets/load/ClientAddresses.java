package de.check24.homewidgets.load;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Synthetic client addresses for {@code X-Forwarded-For}, as a load balancer in front of
 * many clients reports them, so a load test from one machine is rate limited per client
 * the way real traffic is (the core trusts the header from loopback only). The addresses
 * come from the documentation ranges of RFC 5737 (TEST-NET-2 and TEST-NET-3): no real
 * host has them, and the core does not treat them as internal proxies. They appear only
 * in a header; every request goes to 127.0.0.1.
 */
public final class ClientAddresses {

	private static final String[] NETWORKS = { "198.51.100.", "203.0.113." };

	/** Usable hosts per /24. */
	private static final int HOSTS = 254;

	private final AtomicInteger next = new AtomicInteger();

	private final int size;

	/**
	 * @param size how many distinct addresses to hand out in turn (at most 508)
	 */
	public ClientAddresses(int size) {
		if (size < 1 || size > NETWORKS.length * HOSTS) {
			throw new IllegalArgumentException("Between 1 and " + NETWORKS.length * HOSTS + " addresses, not " + size);
		}
		this.size = size;
	}

	/** The next address in turn. */
	public String next() {
		return at(Math.floorMod(this.next.getAndIncrement(), this.size));
	}

	/**
	 * The address at a position.
	 * @param index from 0 to size - 1
	 * @return e.g. {@code 198.51.100.1}
	 */
	public static String at(int index) {
		return NETWORKS[index / HOSTS] + (1 + index % HOSTS);
	}

}

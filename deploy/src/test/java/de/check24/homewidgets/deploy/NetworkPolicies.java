package de.check24.homewidgets.deploy;

import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;

/**
 * Evaluates NetworkPolicies as the Kubernetes API defines them: a pod selected by no
 * policy of a direction is open in that direction; otherwise the union of the selecting
 * policies' rules decides, and a connection needs both the sender's egress and the
 * receiver's ingress. Peers are pods; ipBlocks never match a pod here.
 */
record NetworkPolicies(List<NetworkPolicy> policies) {

	private record Rule(List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports) {

	}

	record Pod(String name, String namespace, Map<String, String> labels) {

		@Override
		public String toString() {
			return this.namespace + "/" + this.name;
		}

	}

	boolean allows(Pod from, Pod to, int port, String protocol) {
		return allowsEgress(from, to, port, protocol) && allowsIngress(to, from, port, protocol);
	}

	boolean allows(Pod from, Pod to, int port) {
		return allows(from, to, port, "TCP");
	}

	/** The receiver's side alone: what {@code pod}'s namespace lets in. */
	boolean allowsIngress(Pod pod, Pod peer, int port, String protocol) {
		return allowed(pod, "Ingress", peer, port, protocol);
	}

	/** The sender's side alone: what {@code pod}'s namespace lets out. */
	boolean allowsEgress(Pod pod, Pod peer, int port, String protocol) {
		return allowed(pod, "Egress", peer, port, protocol);
	}

	private boolean allowed(Pod pod, String direction, Pod peer, int port, String protocol) {
		List<NetworkPolicy> selecting = selecting(pod, direction);
		return selecting.isEmpty() || selecting.stream()
			.anyMatch((policy) -> rules(policy, direction).stream()
				.anyMatch((rule) -> matches(policy, rule.peers(), peer) && matches(rule.ports(), port, protocol)));
	}

	private static List<Rule> rules(NetworkPolicy policy, String direction) {
		return direction.equals("Ingress")
				? policy.getSpec()
					.getIngress()
					.stream()
					.map((rule) -> new Rule(rule.getFrom(), rule.getPorts()))
					.toList()
				: policy.getSpec().getEgress().stream().map((rule) -> new Rule(rule.getTo(), rule.getPorts())).toList();
	}

	private List<NetworkPolicy> selecting(Pod pod, String direction) {
		return this.policies.stream()
			.filter((policy) -> policy.getMetadata().getNamespace().equals(pod.namespace()))
			.filter((policy) -> matches(policy.getSpec().getPodSelector(), pod.labels()))
			.filter((policy) -> policy.getSpec().getPolicyTypes().contains(direction))
			.toList();
	}

	private static boolean matches(NetworkPolicy policy, List<NetworkPolicyPeer> peers, Pod peer) {
		return peers.isEmpty() || peers.stream().anyMatch((candidate) -> matches(policy, candidate, peer));
	}

	private static boolean matches(NetworkPolicy policy, NetworkPolicyPeer candidate, Pod peer) {
		if (candidate.getIpBlock() != null) {
			return false;
		}
		boolean namespace = (candidate.getNamespaceSelector() != null)
				? matches(candidate.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", peer.namespace()))
				: policy.getMetadata().getNamespace().equals(peer.namespace());
		boolean pod = candidate.getPodSelector() == null || matches(candidate.getPodSelector(), peer.labels());
		return namespace && pod;
	}

	private static boolean matches(List<NetworkPolicyPort> ports, int port, String protocol) {
		return ports.isEmpty() || ports.stream().anyMatch((candidate) -> {
			if (candidate.getPort() == null) {
				return true;
			}
			if (candidate.getPort().getIntVal() == null) {
				throw new IllegalArgumentException("Named ports are not evaluated: " + candidate.getPort());
			}
			String candidateProtocol = (candidate.getProtocol() != null) ? candidate.getProtocol() : "TCP";
			return candidate.getPort().getIntVal() == port && candidateProtocol.equals(protocol);
		});
	}

	static boolean matches(LabelSelector selector, Map<String, String> labels) {
		if (selector.getMatchLabels() != null) {
			for (Map.Entry<String, String> label : selector.getMatchLabels().entrySet()) {
				if (!label.getValue().equals(labels.get(label.getKey()))) {
					return false;
				}
			}
		}
		for (LabelSelectorRequirement requirement : selector.getMatchExpressions()) {
			String value = labels.get(requirement.getKey());
			boolean matches = switch (requirement.getOperator()) {
				case "In" -> requirement.getValues().contains(value);
				case "NotIn" -> value == null || !requirement.getValues().contains(value);
				case "Exists" -> value != null;
				case "DoesNotExist" -> value == null;
				default -> throw new IllegalArgumentException("Unknown operator " + requirement.getOperator());
			};
			if (!matches) {
				return false;
			}
		}
		return true;
	}

}

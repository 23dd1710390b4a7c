package de.check24.homewidgets.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads rendered manifests into fabric8's typed Kubernetes model and fails on anything
 * the API server would not know: an unknown kind or apiVersion, a wrong type, or an
 * unknown field anywhere (fabric8 keeps those in {@code additionalProperties}, which must
 * stay empty).
 */
final class KubernetesModel {

	private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("v1 Namespace", Namespace.class,
			"v1 ConfigMap", ConfigMap.class, "v1 Secret", Secret.class, "v1 Service", Service.class,
			"apps/v1 Deployment", Deployment.class, "policy/v1 PodDisruptionBudget", PodDisruptionBudget.class,
			"autoscaling/v2 HorizontalPodAutoscaler", HorizontalPodAutoscaler.class, "networking.k8s.io/v1 Ingress",
			Ingress.class, "networking.k8s.io/v1 NetworkPolicy", NetworkPolicy.class);

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private KubernetesModel() {
	}

	static HasMetadata parse(Map<String, Object> manifest) {
		String type = manifest.get("apiVersion") + " " + manifest.get("kind");
		Class<? extends HasMetadata> kind = KINDS.get(type);
		if (kind == null) {
			throw new IllegalArgumentException("Unknown kind or apiVersion: " + type);
		}
		HasMetadata resource = MAPPER.convertValue(manifest, kind);
		requireNoUnknownFields(resource, manifest.get("kind") + "/" + resource.getMetadata().getName());
		return resource;
	}

	private static void requireNoUnknownFields(Object value, String path) {
		if (value instanceof Collection<?> items) {
			int index = 0;
			for (Object item : items) {
				requireNoUnknownFields(item, path + "[" + index++ + "]");
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, item) -> requireNoUnknownFields(item, path + "." + key));
			return;
		}
		if (value == null || !value.getClass().getName().startsWith("io.fabric8.")) {
			return;
		}
		for (Method getter : value.getClass().getMethods()) {
			if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
					|| getter.getDeclaringClass() == Object.class) {
				continue;
			}
			Object field = invoke(getter, value);
			if (getter.getName().equals("getAdditionalProperties")) {
				if (field instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
					throw new IllegalArgumentException(path + " has unknown fields " + unknown.keySet());
				}
			}
			else {
				requireNoUnknownFields(field, path + "." + getter.getName().substring(3));
			}
		}
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

}

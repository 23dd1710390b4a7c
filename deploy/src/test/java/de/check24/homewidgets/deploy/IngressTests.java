package de.check24.homewidgets.deploy;

import java.util.ArrayList;
import java.util.List;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the internet reaches: the core's public routes, and the products' image routes as
 * the CDN's origin. Nothing else.
 */
class IngressTests {

	@Overlays
	void routesOnlyToTheCoreAndToEachProductsImages(String overlay) {
		for (Route route : routes(overlay)) {
			if (route.service().equals("core-service")) {
				assertThat(route.path()).as(route.toString()).doesNotStartWith("/images/");
			}
			else {
				assertThat(ServiceVariables.PRODUCTS).as(route.toString()).contains(route.service());
				assertThat(route.path()).as(route.toString())
					.isEqualTo("/images/" + route.service().replace("-service", "") + "/");
				assertThat(route.pathType()).isEqualTo("Prefix");
			}
		}
		assertThat(routes(overlay)).extracting(Route::service)
			.containsOnly("core-service", "car-insurance-service", "health-insurance-service",
					"house-insurance-service", "banking-service");
	}

	@Overlays
	void neverRoutesActuatorCacheOrEverythingElse(String overlay) {
		for (Route route : routes(overlay)) {
			assertThat(route.path()).as(route.toString())
				.isNotEqualTo("/")
				.doesNotStartWith("/actuator")
				.doesNotStartWith("/cache")
				.doesNotStartWith("/dev");
		}
		assertThat(routes(overlay)).extracting(Route::path)
			.contains("/home", "/user/", "/widget/", "/stream/", "/graphql");
	}

	@Overlays
	void routesToTheServicesHttpPortOfServicesThatExist(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.overlay(overlay);
		for (Route route : routes(overlay)) {
			assertThat(route.port()).as(route.toString()).isEqualTo("http");
			Service service = manifests.named(Service.class, route.service());
			assertThat(service.getSpec().getPorts()).extracting("name").contains("http");
		}
		for (Ingress ingress : manifests.all(Ingress.class)) {
			assertThat(ingress.getSpec().getDefaultBackend()).as(ingress.getMetadata().getName()).isNull();
			assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
			assertThat(ingress.getSpec().getTls()).isNotEmpty();
		}
	}

	@Overlays
	void limitsRequestsPerClientAndKeepsStreamsOpenAndUnbuffered(String overlay) {
		KubernetesManifests manifests = KubernetesManifests.overlay(overlay);
		assertThat(manifests.named(Ingress.class, "core-service").getMetadata().getAnnotations())
			.containsEntry("nginx.ingress.kubernetes.io/limit-rpm", "1000");
		assertThat(manifests.named(Ingress.class, "core-service-stream").getMetadata().getAnnotations())
			.containsEntry("nginx.ingress.kubernetes.io/limit-rpm", "1000")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
			.containsEntry("nginx.ingress.kubernetes.io/proxy-read-timeout", "3600")
			.containsKey("nginx.ingress.kubernetes.io/limit-connections");
	}

	private static List<Route> routes(String overlay) {
		List<Route> routes = new ArrayList<>();
		for (Ingress ingress : KubernetesManifests.overlay(overlay).all(Ingress.class)) {
			for (IngressRule rule : ingress.getSpec().getRules()) {
				for (HTTPIngressPath path : rule.getHttp().getPaths()) {
					routes.add(new Route(ingress.getMetadata().getName(), rule.getHost(), path.getPath(),
							path.getPathType(), path.getBackend().getService().getName(),
							path.getBackend().getService().getPort().getName()));
				}
			}
		}
		return routes;
	}

	record Route(String ingress, String host, String path, String pathType, String service, String port) {

	}

}

package de.check24.homewidgets.product.image;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.Resource;
import org.springframework.lang.Nullable;
import org.springframework.web.servlet.resource.AbstractResourceResolver;
import org.springframework.web.servlet.resource.ResourceResolverChain;

/**
 * Serves only file names that carry their content hash. Everything is sent as immutable
 * for a year, so a name without a hash, whose picture may change, must not be served at
 * all.
 */
class VersionedOnly extends AbstractResourceResolver {

	private static final Pattern CONTENT_HASH = Pattern.compile(".*-[0-9a-f]{32}\\.[a-z0-9]+$");

	@Override
	@Nullable
	protected Resource resolveResourceInternal(@Nullable HttpServletRequest request, String requestPath,
			List<? extends Resource> locations, ResourceResolverChain chain) {
		if (request != null && !CONTENT_HASH.matcher(requestPath).matches()) {
			return null;
		}
		return chain.resolveResource(request, requestPath, locations);
	}

	@Override
	@Nullable
	protected String resolveUrlPathInternal(String resourceUrlPath, List<? extends Resource> locations,
			ResourceResolverChain chain) {
		return chain.resolveUrlPath(resourceUrlPath, locations);
	}

}

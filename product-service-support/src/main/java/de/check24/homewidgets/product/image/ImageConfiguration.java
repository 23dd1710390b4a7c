package de.check24.homewidgets.product.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import de.check24.homewidgets.product.ProductProperties;

import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.util.DigestUtils;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * {@code GET /images/{key}/{name}-{md5}.{ext}}: the file's content hash is in its name,
 * so a changed picture gets a new URL and every copy may be kept for a year. The ETag is
 * the same hash, so a revalidation answers 304.
 */
@Configuration(proxyBeanMethods = false)
class ImageConfiguration implements WebMvcConfigurer {

	static final CacheControl IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable();

	private final String key;

	private final ImageProperties images;

	/** Content hashes by resource; the files do not change while the service runs. */
	private final Map<String, String> etags = new ConcurrentHashMap<>();

	ImageConfiguration(ProductProperties product, ImageProperties images) {
		this.key = product.key();
		this.images = images;
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/images/" + this.key + "/**")
			.addResourceLocations(this.images.location())
			.setCacheControl(IMMUTABLE)
			.setUseLastModified(false)
			.setEtagGenerator(this::contentHash)
			.resourceChain(true)
			.addResolver(new VersionedOnly())
			.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
	}

	private String contentHash(Resource resource) {
		return this.etags.computeIfAbsent(resource.getDescription(), (description) -> {
			try (InputStream content = resource.getInputStream()) {
				return DigestUtils.md5DigestAsHex(content);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

}

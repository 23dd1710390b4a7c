package de.check24.homewidgets.product.image;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the product's images are and under which public base their URLs go out.
 *
 * @param baseUrl prefixed to every image path in a widget, e.g. the CDN's
 * {@code https://cdn.example.com}; empty keeps the relative {@code /images/{key}/...}
 * path ({@code IMAGE_BASE_URL})
 * @param location the folder the images are read from, a Spring resource location ending
 * in {@code /} ({@code PRODUCT_IMAGES_LOCATION}, default {@code classpath:/images/})
 */
@Validated
@ConfigurationProperties("product.images")
record ImageProperties(String baseUrl, @NotBlank String location) {

	ImageProperties {
		baseUrl = (baseUrl != null) ? baseUrl.replaceAll("/+$", "") : "";
	}

}

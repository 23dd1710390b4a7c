package de.check24.homewidgets.product.image;

import java.util.List;

import de.check24.homewidgets.sdui.ProductTile;
import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.sdui.WidgetData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

/**
 * Turns the image paths the seed data stores ({@code /images/car-insurance/devk.svg})
 * into the URLs clients load: the content-hashed file name, behind
 * {@code IMAGE_BASE_URL}. The product resolves them, not the core, because only the
 * product knows its files' hashes. Absolute URLs and paths elsewhere are left as they
 * are.
 */
@Component
public class ImageUrls {

	private static final Logger logger = LoggerFactory.getLogger(ImageUrls.class);

	private static final String IMAGES = "/images/";

	private final ResourceUrlProvider urls;

	private final String baseUrl;

	ImageUrls(ResourceUrlProvider mvcResourceUrlProvider, ImageProperties images) {
		this.urls = mvcResourceUrlProvider;
		this.baseUrl = images.baseUrl();
	}

	/**
	 * The widget with every image URL (its own and its tiles') resolved.
	 * @param widget the widget as stored
	 * @return the widget as clients get it
	 */
	public Widget resolve(Widget widget) {
		WidgetData data = widget.data();
		if (data == null) {
			return widget;
		}
		List<ProductTile> items = (data.items() != null) ? data.items().stream().map(this::resolve).toList() : null;
		WidgetData resolved = new WidgetData(data.title(), data.subtitle(), data.content(), url(data.imageUrl()),
				data.pricing(), data.rating(), data.badge(), data.highlights(), data.tone(), items);
		return new Widget(widget.widgetId(), widget.componentType(), widget.priority(), resolved, widget.action(),
				widget.service());
	}

	private ProductTile resolve(ProductTile tile) {
		return (tile != null)
				? new ProductTile(tile.title(), tile.subtitle(), url(tile.imageUrl()), tile.pricing(), tile.rating())
				: null;
	}

	@Nullable
	private String url(@Nullable String imageUrl) {
		if (imageUrl == null || !imageUrl.startsWith(IMAGES)) {
			return imageUrl;
		}
		String versioned = this.urls.getForLookupPath(imageUrl);
		if (versioned == null) {
			// clients show a placeholder; the seed names a file this product does not
			// have
			logger.warn("No image file for {}", imageUrl);
			return this.baseUrl + imageUrl;
		}
		return this.baseUrl + versioned;
	}

}

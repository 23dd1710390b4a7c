package de.check24.homewidgets.sample;

import java.util.Comparator;

import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.product.RankingPolicy;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The smallest product service: the library plus a ranking policy and a seed. The
 * library's own tests run against it once, rather than once per product.
 */
@SpringBootApplication
class SampleProductApplication {

	@Bean
	RankingPolicy storedPriorityFirst() {
		return (widgets) -> widgets.stream().sorted(Comparator.comparingInt(Widget::priority)).toList();
	}

}

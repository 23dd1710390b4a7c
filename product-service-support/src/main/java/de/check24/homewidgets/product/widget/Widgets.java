package de.check24.homewidgets.product.widget;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface Widgets extends Repository<StoredWidget, String> {

	List<StoredWidget> findByUserIdIsNullOrderByPriorityAscWidgetIdAsc();

	List<StoredWidget> findByUserIdIsNullOrUserIdOrderByPriorityAscWidgetIdAsc(Integer userId);

	Optional<StoredWidget> findById(String widgetId);

	List<StoredWidget> findByWidgetIdIn(Collection<String> widgetIds);

}

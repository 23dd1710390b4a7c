package de.check24.homewidgets.product.contract;

import java.util.List;
import java.util.Optional;

import org.springframework.data.repository.Repository;

interface Contracts extends Repository<Contract, Long> {

	Contract save(Contract contract);

	void delete(Contract contract);

	Optional<Contract> findByUserIdAndWidgetId(long userId, String widgetId);

	List<Contract> findByUserIdOrderByCreatedAtAscIdAsc(long userId);

	boolean existsByUserId(long userId);

}

package de.check24.homewidgets.product.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import de.check24.homewidgets.sdui.Widget;
import de.check24.homewidgets.product.widget.WidgetCatalog;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Buys and cancels contracts. The change and its event are one transaction, so the outbox
 * record is written exactly when the contract row is.
 */
@Service
class ContractService {

	private final Contracts contracts;

	private final WidgetCatalog catalog;

	private final ApplicationEventPublisher events;

	private final TransactionTemplate transaction;

	ContractService(Contracts contracts, WidgetCatalog catalog, ApplicationEventPublisher events,
			TransactionTemplate transaction) {
		this.contracts = contracts;
		this.catalog = catalog;
		this.events = events;
		this.transaction = transaction;
	}

	ContractConfirmation purchase(long userId, String widgetId) {
		try {
			return this.transaction.execute((status) -> purchaseOnce(userId, widgetId));
		}
		catch (DataIntegrityViolationException ex) {
			// a concurrent purchase of the same offer committed first
			throw this.contracts.findByUserIdAndWidgetId(userId, widgetId)
				.map(ContractAlreadyExists::of)
				.orElseThrow(() -> ex);
		}
	}

	private ContractConfirmation purchaseOnce(long userId, String widgetId) {
		this.catalog.purchasableOffer(widgetId, userId);
		this.contracts.findByUserIdAndWidgetId(userId, widgetId).ifPresent((existing) -> {
			throw ContractAlreadyExists.of(existing);
		});
		Contract contract = this.contracts.save(new Contract(userId, widgetId, now()));
		this.events.publishEvent(new ContractPurchased(contract.id(), userId, widgetId, contract.createdAt()));
		return ContractConfirmation.created(contract);
	}

	@Transactional
	ContractConfirmation cancel(long userId, String widgetId) {
		Contract contract = this.contracts.findByUserIdAndWidgetId(userId, widgetId)
			.orElseThrow(() -> ContractNotFound.forUser(userId, widgetId));
		this.contracts.delete(contract);
		this.events.publishEvent(new ContractCancelled(contract.id(), userId, widgetId, now()));
		return ContractConfirmation.deleted(contract);
	}

	@Transactional(readOnly = true)
	UserContracts contractsOf(long userId) {
		List<Contract> held = this.contracts.findByUserIdOrderByCreatedAtAscIdAsc(userId);
		if (held.isEmpty()) {
			throw ContractNotFound.forUser(userId);
		}
		Map<String, Widget> offers = this.catalog.widgetsById(held.stream().map(Contract::widgetId).toList());
		return new UserContracts(userId, held.stream().map((contract) -> active(contract, offers)).toList());
	}

	private static UserContracts.ActiveContract active(Contract contract, Map<String, Widget> offers) {
		Widget offer = offers.get(contract.widgetId());
		return new UserContracts.ActiveContract(contract.id(), contract.widgetId(),
				(offer != null) ? offer.componentType() : null, (offer != null) ? offer.data() : null,
				contract.createdAt());
	}

	/** PostgreSQL keeps microseconds; events and responses should say what is stored. */
	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MICROS);
	}

}

package de.check24.homewidgets.product.outbox;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.check24.homewidgets.product.ProductProperties;
import de.check24.homewidgets.product.contract.ContractCancelled;
import de.check24.homewidgets.product.contract.ContractPurchased;
import de.check24.homewidgets.sdui.ContractEvent;
import de.check24.homewidgets.sdui.ContractEventType;
import de.check24.homewidgets.sdui.WidgetJson;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes each contract change as a {@link ContractEvent} into the outbox, inside the
 * change's own transaction, and wakes the relay once that commits.
 */
@Component
class ContractEventOutbox {

	private static final ObjectMapper json = WidgetJson.newMapper();

	private final OutboxMessages messages;

	private final OutboxRelay relay;

	private final ProductProperties product;

	private final OutboxTracing tracing;

	ContractEventOutbox(OutboxMessages messages, OutboxRelay relay, ProductProperties product, OutboxTracing tracing) {
		this.messages = messages;
		this.relay = relay;
		this.product = product;
		this.tracing = tracing;
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ContractPurchased purchased) {
		store(new ContractEvent(ContractEventType.CONTRACT_CREATED, purchased.userId(), purchased.widgetId(),
				purchased.purchasedAt(), purchased.contractId(), this.product.key()));
	}

	@EventListener
	@Transactional(propagation = Propagation.MANDATORY)
	void on(ContractCancelled cancelled) {
		store(new ContractEvent(ContractEventType.CONTRACT_DELETED, cancelled.userId(), cancelled.widgetId(),
				cancelled.cancelledAt(), cancelled.contractId(), this.product.key()));
	}

	private void store(ContractEvent event) {
		this.messages.save(new OutboxMessage(this.product.topic(), String.valueOf(event.userId()), toJson(event),
				Instant.now(), this.tracing.currentTraceParent()));
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				ContractEventOutbox.this.relay.kick();
			}

		});
	}

	private static String toJson(ContractEvent event) {
		try {
			return json.writeValueAsString(event);
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not serialise " + event, ex);
		}
	}

}

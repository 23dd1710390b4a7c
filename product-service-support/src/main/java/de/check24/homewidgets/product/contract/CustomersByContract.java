package de.check24.homewidgets.product.contract;

import de.check24.homewidgets.product.widget.ExistingCustomers;

import org.springframework.stereotype.Component;

@Component
class CustomersByContract implements ExistingCustomers {

	private final Contracts contracts;

	CustomersByContract(Contracts contracts) {
		this.contracts = contracts;
	}

	@Override
	public boolean isCustomer(long userId) {
		return this.contracts.existsByUserId(userId);
	}

}

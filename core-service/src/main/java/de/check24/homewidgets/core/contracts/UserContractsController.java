package de.check24.homewidgets.core.contracts;

import de.check24.homewidgets.core.viewer.Viewer;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserContractsController {

	private final UserContracts contracts;

	UserContractsController(UserContracts contracts) {
		this.contracts = contracts;
	}

	@GetMapping("/user/{user_id}/contracts")
	UserContracts.Overview contracts(Viewer viewer, @PathVariable("user_id") long userId) {
		return this.contracts.forUser(viewer, userId);
	}

}

package de.check24.homewidgets.product.config;

/** A secret the service will not start without. */
class MissingSecret extends IllegalStateException {

	private final String variable;

	private MissingSecret(String variable, String message) {
		super(message);
		this.variable = variable;
	}

	static MissingSecret unset(String variable) {
		return new MissingSecret(variable, variable + " is not set. Outside the 'local' profile this service "
				+ "refuses to start without it; set " + variable + " to this service's own secret.");
	}

	static MissingSecret published(String variable) {
		return new MissingSecret(variable,
				variable + " is set to a value that is published in the repository. "
						+ "Outside the 'local' profile this service refuses to start with it; set " + variable
						+ " to a secret of this deployment.");
	}

	String variable() {
		return this.variable;
	}

}

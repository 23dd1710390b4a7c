package de.check24.homewidgets.health;

import de.check24.homewidgets.product.ProductServiceIntegrationTests;

/** The shared product service suite, run against the health insurance service. */
class HealthInsuranceServiceIntegrationTests extends ProductServiceIntegrationTests {

}

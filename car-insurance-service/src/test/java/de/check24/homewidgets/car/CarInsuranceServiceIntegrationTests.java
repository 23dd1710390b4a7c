package de.check24.homewidgets.car;

import de.check24.homewidgets.product.ProductServiceIntegrationTests;

/** The shared product service suite, run against the car insurance service. */
class CarInsuranceServiceIntegrationTests extends ProductServiceIntegrationTests {

}

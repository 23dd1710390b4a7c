package de.check24.homewidgets.house;

import de.check24.homewidgets.product.ProductServiceIntegrationTests;

/** The shared product service suite, run against the house insurance service. */
class HouseInsuranceServiceIntegrationTests extends ProductServiceIntegrationTests {

}

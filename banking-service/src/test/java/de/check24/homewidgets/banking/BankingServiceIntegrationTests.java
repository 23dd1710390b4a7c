package de.check24.homewidgets.banking;

import de.check24.homewidgets.product.ProductServiceIntegrationTests;

/** The shared product service suite, run against the banking service. */
class BankingServiceIntegrationTests extends ProductServiceIntegrationTests {

}

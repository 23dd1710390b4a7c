package de.check24.homewidgets.product;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.persistence.Entity;

import org.springframework.context.annotation.Configuration;
import org.springframework.data.repository.Repository;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "de.check24.homewidgets.product", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule controllersEntitiesRepositoriesAndConfigurationArePackagePrivate = classes().that()
		.areAnnotatedWith(RestController.class)
		.or()
		.areAnnotatedWith(RestControllerAdvice.class)
		.or()
		.areAnnotatedWith(Entity.class)
		.or()
		.areAssignableTo(Repository.class)
		.or()
		.areAnnotatedWith(Configuration.class)
		.should()
		.notBePublic();

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("de.check24.homewidgets.product.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule offersKnowNothingOfContracts = noClasses().that()
		.resideInAPackage("..product.widget..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..product.contract..");

	@ArchTest
	static final ArchRule onlyTheOutboxTalksToKafka = noClasses().that()
		.resideOutsideOfPackage("..product.outbox..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..");

	@ArchTest
	static final ArchRule onlySecurityKnowsSpringSecurity = noClasses().that()
		.resideOutsideOfPackage("..product.security..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.security..");

	@ArchTest
	static final ArchRule onlyTheCoreClientCallsTheCore = noClasses().that()
		.resideOutsideOfPackage("..product.coreclient..")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.client.RestClient");

}

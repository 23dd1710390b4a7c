package de.check24.homewidgets.core;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "de.check24.homewidgets.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featurePackagesHaveNoCycles = slices().matching("de.check24.homewidgets.core.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule controllersAndConfigurationArePackagePrivate = classes().that()
		.areAnnotatedWith(RestController.class)
		.or()
		.areAnnotatedWith(RestControllerAdvice.class)
		.or()
		.areAnnotatedWith(Configuration.class)
		.should()
		.notBePublic();

	@ArchTest
	static final ArchRule onlyTheProductsPackageTalksHttpToProducts = noClasses().that()
		.resideOutsideOfPackage("..core.products..")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.client.RestClient");

	@ArchTest
	static final ArchRule onlyTheEventsPackageTalksToKafka = noClasses().that()
		.resideOutsideOfPackage("..core.events..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.kafka..", "org.apache.kafka..");

	@ArchTest
	static final ArchRule onlyTheStreamPackageWritesServerSentEvents = noClasses().that()
		.resideOutsideOfPackage("..core.stream..")
		.should()
		.dependOnClassesThat()
		.haveFullyQualifiedName("org.springframework.web.servlet.mvc.method.annotation.SseEmitter");

	@ArchTest
	static final ArchRule onlyTheCachePackageTalksToRedis = noClasses().that()
		.resideOutsideOfPackage("..core.cache..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("org.springframework.data.redis..");

}

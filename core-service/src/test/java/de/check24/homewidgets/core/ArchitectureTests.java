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
		.haveFullyQualifiedName("java.net.http.HttpClient");

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

	// the cache, the stream tickets any replica redeems, and the shared rate limit
	// buckets
	@ArchTest
	static final ArchRule onlyTheCacheStreamAndRateLimitPackagesTalkToRedis = noClasses().that()
		.resideOutsideOfPackages("..core.cache..", "..core.stream..", "..core.ratelimit..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework.data.redis..", "io.lettuce..");

	@ArchTest
	static final ArchRule theCacheKeepsItsPolicyAndStorageToItself = classes().that()
		.resideInAPackage("..core.cache..")
		.and()
		.haveSimpleNameEndingWith("CachedSection")
		.or()
		.haveSimpleName("CachedSections")
		.or()
		.haveSimpleName("SectionBlobs")
		.or()
		.haveSimpleName("Freshness")
		.or()
		.haveSimpleName("HomeStore")
		.or()
		.haveSimpleName("RefreshLock")
		.or()
		.haveSimpleName("HomeKeys")
		.or()
		.haveSimpleName("InvalidationMessages")
		.should()
		.notBePublic();

	@ArchTest
	static final ArchRule homeAssemblesPagesAndLeavesFetchingToTheCache = noClasses().that()
		.resideInAPackage("..core.home..")
		.should()
		.dependOnClassesThat()
		.haveSimpleName("ProductFanOut");

	@ArchTest
	static final ArchRule onlyTheSecurityPackageKnowsHowViewersAreAuthenticated = noClasses().that()
		.resideInAnyPackage("..core.cache..", "..core.stream..", "..core.contracts..", "..core.events..",
				"..core.products..", "..core.viewer..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("..core.security..");

	@ArchTest
	static final ArchRule problemsAreBuiltByTheProblemFactory = noClasses().that()
		.resideOutsideOfPackage("..core.web..")
		.should()
		.callMethod(org.springframework.http.ProblemDetail.class, "forStatusAndDetail",
				org.springframework.http.HttpStatusCode.class, String.class);

}

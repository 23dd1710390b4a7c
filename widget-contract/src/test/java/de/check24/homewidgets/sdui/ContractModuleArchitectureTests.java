package de.check24.homewidgets.sdui;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The contract is shared by every JVM module and client, so it must stay free of
 * framework dependencies.
 */
@AnalyzeClasses(packages = "de.check24.homewidgets.sdui", importOptions = ImportOption.DoNotIncludeTests.class)
class ContractModuleArchitectureTests {

	@ArchTest
	static final ArchRule noSpringOrJpa = noClasses().that()
		.resideInAPackage("de.check24.homewidgets.sdui..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "jakarta.persistence..", "org.hibernate..");

	// Stricter than the rule above: catches any new framework before it spreads.
	@ArchTest
	static final ArchRule onlyJacksonAndSchemaValidator = classes().that()
		.resideInAPackage("de.check24.homewidgets.sdui..")
		.should()
		.onlyDependOnClassesThat()
		.resideInAnyPackage("de.check24.homewidgets.sdui..", "java..", "com.fasterxml.jackson..",
				"com.networknt.schema..");

}

package io.github.serviceaccounts;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house's rules, which used to be prose only ({@code product.md}, "The house we have
 * in mind"): one feature a package, arrows pointing down, {@code servicenow/} knowing
 * nothing of Camunda, the simulator imported by no product code. A change that breaks one
 * fails the build here, with the offending dependency named.
 */
class ArchitectureTests {

	static final String ROOT = "io.github.serviceaccounts";

	static JavaClasses product;

	@BeforeAll
	static void importProduct() {
		product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(ROOT);
	}

	static String feature(String name) {
		return ROOT + "." + name + "..";
	}

	@Test
	void theServiceNowClientKnowsNothingOfCamundaNorOfTheProduct() {
		noClasses().that()
			.resideInAPackage(feature("servicenow"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.camunda..", feature("request"), feature("provisioning"), feature("notification"),
					feature("security"), feature("engine"), feature("operations"), feature("simulator"))
			.check(product);
	}

	@Test
	void noProductCodeUsesTheSimulatorAndTheSimulatorUsesNoProductCode() {
		noClasses().that()
			.resideOutsideOfPackage(feature("simulator"))
			.should()
			.dependOnClassesThat()
			.resideInAPackage(feature("simulator"))
			.check(product);
		noClasses().that()
			.resideInAPackage(feature("simulator"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("servicenow"), feature("request"), feature("provisioning"),
					feature("notification"), feature("security"), feature("engine"), feature("operations"))
			.check(product);
	}

	/**
	 * The request feature sits on the client only: it never reaches up to the steps that
	 * use it.
	 */
	@Test
	void theRequestUsesOnlyTheServiceNowClient() {
		noClasses().that()
			.resideInAPackage(feature("request"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("provisioning"), feature("notification"), feature("security"),
					feature("engine"), feature("operations"))
			.check(product);
	}

	@Test
	void mailsUseTheRequestAndTheClientButNeverTheSteps() {
		noClasses().that()
			.resideInAPackage(feature("notification"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("provisioning"), feature("security"), feature("engine"), feature("operations"))
			.check(product);
	}

	/**
	 * provisioning/ -> notification/ is the one sideways arrow: the hand-over mails the
	 * password it has just set.
	 */
	@Test
	void provisioningMayUseRequestClientAndMailsOnly() {
		noClasses().that()
			.resideInAPackage(feature("provisioning"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("security"), feature("engine"), feature("operations"))
			.check(product);
	}

	/**
	 * The engine plugins, operations and security stand beside the features; no feature
	 * depends on them.
	 */
	@Test
	void noFeatureDependsOnEngineOperationsOrSecurity() {
		noClasses().that()
			.resideInAnyPackage(feature("request"), feature("provisioning"), feature("notification"),
					feature("servicenow"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("engine"), feature("operations"), feature("security"))
			.check(product);
		noClasses().that()
			.resideInAnyPackage(feature("engine"), feature("operations"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("security"), feature("provisioning"), feature("notification"))
			.check(product);
	}

	/**
	 * The Cockpit plugin reads what the features recorded (request, lifecycle) and asks
	 * ServiceNow through the client; nothing depends on it, and it changes nothing.
	 */
	@Test
	void theCockpitPluginSitsOnTopAndNothingDependsOnIt() {
		noClasses().that()
			.resideOutsideOfPackage(feature("cockpit"))
			.should()
			.dependOnClassesThat()
			.resideInAPackage(feature("cockpit"))
			.check(product);
		noClasses().that()
			.resideInAPackage(feature("cockpit"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("provisioning"), feature("notification"), feature("security"),
					feature("engine"), feature("operations"), feature("simulator"))
			.check(product);
	}

	/**
	 * The audit retention is an engine plugin beside the features: it knows the
	 * processes' ids, nothing depends on it.
	 */
	@Test
	void theAuditRetentionKnowsOnlyTheProcessesIdsAndNothingDependsOnIt() {
		noClasses().that()
			.resideOutsideOfPackage(feature("audit"))
			.should()
			.dependOnClassesThat()
			.resideInAPackage(feature("audit"))
			.check(product);
		noClasses().that()
			.resideInAPackage(feature("audit"))
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(feature("provisioning"), feature("notification"), feature("security"),
					feature("engine"), feature("operations"), feature("simulator"), feature("servicenow"),
					feature("cockpit"))
			.check(product);
	}

}

package dev.pinstripe.payments.network;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The network package is plain Java: no database, HTTP, JSON or other Pinstripe package. */
class PurityTest {

    @Test
    void networkPackageDependsOnlyOnTheJdkAndItself() {
        JavaClasses network = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pinstripe.payments.network");

        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("dev.pinstripe.payments.network..", "java..", "javax.crypto..")
                .check(network);
    }
}

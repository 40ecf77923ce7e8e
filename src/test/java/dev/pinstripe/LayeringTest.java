package dev.pinstripe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering ARCHITECTURE.md promises, checked. */
class LayeringTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.pinstripe");

    @Test
    void onlyTheHttpPackageUsesJavalinOrJetty() {
        noClasses().that().resideOutsideOfPackages("dev.pinstripe.http..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(MAIN);
    }

    @Test
    void apiConventionsDoNotDependOnFeaturesOrTheHttpLayer() {
        noClasses().that().resideInAPackage("dev.pinstripe.api..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pinstripe.http..", "dev.pinstripe.customers..",
                        "dev.pinstripe.accounts..", "dev.pinstripe.idempotency..", "dev.pinstripe.app..")
                .check(MAIN);
    }

    @Test
    void searchStandsAlone() {
        noClasses().that().resideInAPackage("dev.pinstripe.search..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pinstripe.api..", "dev.pinstripe.http..",
                        "dev.pinstripe.store..", "dev.pinstripe.customers..", "dev.pinstripe.app..")
                .check(MAIN);
    }

    @Test
    void onlyTheGeoipPackageReadsMaxMindDatabases() {
        noClasses().that().resideOutsideOfPackages("dev.pinstripe.geoip..")
                .should().dependOnClassesThat().resideInAnyPackage("com.maxmind..")
                .check(MAIN);
    }

    @Test
    void onlyTheCompositionRootAndTheCliConstructTheServer() {
        noClasses().that().resideOutsideOfPackages("dev.pinstripe.app..", "dev.pinstripe.cli..", "dev.pinstripe.http..")
                .should().dependOnClassesThat().resideInAPackage("dev.pinstripe.app..")
                .check(MAIN);
    }

    @Test
    void featuresDoNotReachIntoEachOther() {
        noClasses().that().resideInAPackage("dev.pinstripe.customers..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.pinstripe.accounts..",
                        "dev.pinstripe.idempotency..", "dev.pinstripe.http..")
                .check(MAIN);
    }
}

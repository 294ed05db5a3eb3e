package inbound.architecture;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (README, "Where things are"): shapes → wiring → routes → steps → queue, claim check, store,
 * signature, provider → support. A class may use its own layer and those below it, never one above,
 * and no two packages use each other, however indirectly.
 */
class DependencyDirectionTest {

    private static JavaClasses inbound;

    @BeforeAll
    static void importMainClasses() {
        inbound = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("inbound", "routes");
    }

    @Test
    void everyPackageUsesOnlyItsOwnLayerAndThoseBelow() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("Shapes").definedBy("inbound.server..", "inbound.lambda..", "inbound.cli..")
                .layer("Wiring").definedBy("inbound.wiring..")
                .layer("Routes").definedBy("routes..")
                .layer("Steps").definedBy("inbound.ingest..", "inbound.worker..", "inbound.deadletter..", "inbound.operator..",
                        "inbound.health..")
                .layer("Parts").definedBy("inbound.queue..", "inbound.claimcheck..", "inbound.embedded..", "inbound.store..", "inbound.signature..",
                        "inbound.provider..", "inbound.secrets..")
                .layer("Support").definedBy("inbound.support..", "inbound.settings..")
                .whereLayer("Shapes").mayNotBeAccessedByAnyLayer()
                .whereLayer("Wiring").mayOnlyBeAccessedByLayers("Shapes")
                .whereLayer("Routes").mayOnlyBeAccessedByLayers("Shapes", "Wiring")
                .whereLayer("Steps").mayOnlyBeAccessedByLayers("Shapes", "Wiring", "Routes")
                .whereLayer("Parts").mayOnlyBeAccessedByLayers("Shapes", "Wiring", "Routes", "Steps")
                .whereLayer("Support").mayOnlyBeAccessedByLayers("Shapes", "Wiring", "Routes", "Steps", "Parts")
                .check(inbound);
    }

    @Test
    void noPackagesUseEachOther() {
        // a cycle through routes/ would need a layer below it to use it, which the layer rule refuses
        slices().matching("(inbound.*)..").should().beFreeOfCycles().check(inbound);
    }
}

package org.certflow;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Which package may use which, read from the bottom: the service's vocabulary, the application record, the mail,
 * the features, the model's glue, the staff pages, operations, and the assembly on top. A change that makes two
 * packages reach each other, or a lower one reach up, fails here and names the classes that do it. (The compiler
 * copies a {@code static final String} into its users, so such a constant alone leaves no trace to check; the
 * shared ones live at the bottom, in {@code service}.)
 */
@AnalyzeClasses(packages = "org.certflow", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    @ArchTest
    static final ArchRule noPackagesReachEachOther = slices().matching("org.certflow.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule lowerPackagesDoNotReachUp = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("assembly").definedBy("org.certflow")
            .layer("operations").definedBy("org.certflow.operations..")
            .layer("staff").definedBy("org.certflow.staff..")
            .layer("process").definedBy("org.certflow.process..")
            .layer("features").definedBy("org.certflow.billing..", "org.certflow.certificate..",
                    "org.certflow.documents..", "org.certflow.pki..", "org.certflow.portal..",
                    "org.certflow.privacy..", "org.certflow.retention..", "org.certflow.review..",
                    "org.certflow.session..", "org.certflow.throttle..")
            .layer("mail").definedBy("org.certflow.mail..")
            .layer("application").definedBy("org.certflow.application..")
            .layer("service").definedBy("org.certflow.service..")

            .whereLayer("assembly").mayNotBeAccessedByAnyLayer()
            .whereLayer("operations").mayOnlyBeAccessedByLayers("assembly")
            .whereLayer("staff").mayOnlyBeAccessedByLayers("assembly", "operations")
            .whereLayer("process").mayOnlyBeAccessedByLayers("assembly", "operations", "staff")
            .whereLayer("features").mayOnlyBeAccessedByLayers("assembly", "operations", "staff", "process")
            .whereLayer("mail").mayOnlyAccessLayers("application", "service")
            .whereLayer("application").mayOnlyAccessLayers("service")
            .whereLayer("service").mayNotAccessAnyLayer();
}

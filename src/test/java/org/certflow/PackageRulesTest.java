package org.certflow;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Which package may use which: the map a reader follows from the shared words up to the web pages. A change that
 * makes two packages reach each other fails here, with the classes that do it. (The compiler copies constants
 * into their users, so a use of a {@code static final String} alone does not show; the rules hold anyway because
 * the shared constants live in {@code service}.)
 */
@AnalyzeClasses(packages = "org.certflow", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageRulesTest {

    private static final String[] FEATURES = {"org.certflow.billing..", "org.certflow.certificate..",
            "org.certflow.documents..", "org.certflow.portal..", "org.certflow.review..", "org.certflow.pki..",
            "org.certflow.throttle..", "org.certflow.session.."};

    @ArchTest
    static final ArchRule noPackagesReachEachOther = slices().matching("org.certflow.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theServiceVocabularyUsesNothingOfOurs = noClasses()
            .that().resideInAPackage("org.certflow.service..")
            .should().dependOnClassesThat(resideInAPackage("org.certflow..")
                    .and(resideOutsideOfPackages("org.certflow.service..")));

    @ArchTest
    static final ArchRule applicationsKnowOnlyTheVocabulary = noClasses()
            .that().resideInAPackage("org.certflow.application..")
            .should().dependOnClassesThat(resideInAPackage("org.certflow..")
                    .and(resideOutsideOfPackages("org.certflow.application..", "org.certflow.service..")));

    @ArchTest
    static final ArchRule mailKnowsNoFeature = noClasses()
            .that().resideInAPackage("org.certflow.mail..")
            .should().dependOnClassesThat(resideInAPackage("org.certflow..")
                    .and(resideOutsideOfPackages("org.certflow.mail..", "org.certflow.application..",
                            "org.certflow.service..")));

    @ArchTest
    static final ArchRule featuresDoNotReachIntoTheModelGlueOrTheStaffPages = noClasses()
            .that().resideInAnyPackage(FEATURES)
            .or().resideInAnyPackage("org.certflow.mail..", "org.certflow.application..", "org.certflow.service..")
            .should().dependOnClassesThat(resideInAnyPackage("org.certflow.process..", "org.certflow.staff..",
                    "org.certflow.operations.."));

    @ArchTest
    static final ArchRule theModelGlueDoesNotReachIntoThePages = noClasses()
            .that().resideInAPackage("org.certflow.process..")
            .should().dependOnClassesThat(resideInAnyPackage("org.certflow.portal..", "org.certflow.staff..",
                    "org.certflow.operations.."));

    @ArchTest
    static final ArchRule nothingUsesTheAssembly = noClasses()
            .that().resideOutsideOfPackage("org.certflow")
            .should().dependOnClassesThat().resideInAPackage("org.certflow");
}

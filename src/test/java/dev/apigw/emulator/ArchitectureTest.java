package dev.apigw.emulator;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The allowed dependency graph, checked on the compiled production classes: {@code admin} (every HTTP resource of
 * the design-time API) → services → the core ({@code runtime}, {@code model}, {@code store}, {@code config},
 * {@code lifecycle}); the root package (the composition root and the ports) may use everything. No package cycles.
 * Each test asserts through ArchUnit's {@code check}, which throws an {@code AssertionError} naming every violation.
 */
class ArchitectureTest {
    private static final String ROOT = "dev.apigw.emulator";
    private static final String[] SERVICES = {ROOT + ".alias..", ROOT + ".archive..", ROOT + ".auth..", ROOT + ".catalog..",
        ROOT + ".deploy..", ROOT + ".demo..", ROOT + ".events..", ROOT + ".harness..", ROOT + ".iam..", ROOT + ".metrics..",
        ROOT + ".migration..", ROOT + ".policy..", ROOT + ".promotion..", ROOT + ".quiesce..", ROOT + ".quota..",
        ROOT + ".ratelimit..", ROOT + ".rehearsal..", ROOT + ".settings..",
        ROOT + ".webhook.."};
    private static final String[] CORE = {ROOT + ".runtime..", ROOT + ".model..", ROOT + ".store..", ROOT + ".config..",
        ROOT + ".lifecycle.."};

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void dependencies_point_from_admin_to_services_to_the_core() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Root").definedBy(ROOT)
            .layer("Admin").definedBy(ROOT + ".admin..")
            .layer("Services").definedBy(SERVICES)
            .layer("Core").definedBy(CORE)
            .whereLayer("Root").mayNotBeAccessedByAnyLayer()
            .whereLayer("Admin").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Services").mayOnlyBeAccessedByLayers("Root", "Admin")
            .check(CLASSES);
    }

    @Test
    void the_core_uses_no_feature_package() {
        noClasses().that().resideInAnyPackage(CORE).should().dependOnClassesThat()
            .resideInAnyPackage(java.util.stream.Stream.concat(java.util.stream.Stream.of(ROOT + ".admin.."),
                java.util.Arrays.stream(SERVICES)).toArray(String[]::new))
            .check(CLASSES);
    }

    @Test
    void packages_have_no_cycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /**
     * The rehearsal drives nodes it starts as processes, as a user would: through their public HTTP APIs, with Vert.x
     * and the JDK (and SLF4J for its progress lines), never with the emulator's own classes.
     */
    @Test
    void the_rehearsal_uses_only_the_nodes_http_apis_and_vertx() {
        classes().that().resideInAPackage(ROOT + ".rehearsal..").should().onlyDependOnClassesThat()
            .resideInAnyPackage(ROOT + ".rehearsal..", "java..", "io.vertx..", "org.slf4j..")
            .check(CLASSES);
    }

    /** HTTP resources live in admin; auth's public OAuth2/JWT services are the one other family of endpoints. */
    @Test
    void only_admin_and_the_public_auth_services_handle_routed_requests() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".admin..", ROOT + ".auth..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.vertx.ext.web.RoutingContext")
            .check(CLASSES);
    }
}

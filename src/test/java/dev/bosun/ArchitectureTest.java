package dev.bosun;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The dependency rule of ARCHITECTURE.md. */
@AnalyzeClasses(packages = "dev.bosun", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .withOptionalLayers(true) // tools, agent, exec, workspace and forge come with later issues
            .layer("App").definedBy("dev.bosun.app..")
            .layer("Ui").definedBy("dev.bosun.ui..")
            .layer("Tools").definedBy("dev.bosun.tools..")
            .layer("Engine").definedBy("dev.bosun.engine..")
            .layer("Agent").definedBy("dev.bosun.agent..")
            .layer("Workspace").definedBy("dev.bosun.workspace..")
            .layer("Forge").definedBy("dev.bosun.forge..")
            .layer("Exec").definedBy("dev.bosun.exec..")
            .layer("Store").definedBy("dev.bosun.store..")
            .layer("Domain").definedBy("dev.bosun.domain..")
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Tools").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Engine").mayOnlyBeAccessedByLayers("App", "Ui", "Tools")
            .whereLayer("Agent").mayOnlyBeAccessedByLayers("App", "Engine")
            .whereLayer("Workspace").mayOnlyBeAccessedByLayers("App", "Engine")
            .whereLayer("Forge").mayOnlyBeAccessedByLayers("App", "Engine")
            .whereLayer("Exec").mayOnlyBeAccessedByLayers("App", "Engine", "Agent", "Workspace", "Forge")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("App", "Ui", "Tools", "Engine")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("App", "Ui", "Tools", "Engine", "Agent", "Workspace",
                    "Forge", "Exec", "Store");

    @ArchTest
    static final ArchRule onlyTheUiUsesJavaFx = noClasses().that().resideOutsideOfPackage("dev.bosun.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..")
            .because("the engine runs the same with no display (--headless)");

    @ArchTest
    static final ArchRule domainDependsOnNothingOfOurs = noClasses().that().resideInAPackage("dev.bosun.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.bosun.app..", "dev.bosun.ui..",
                    "dev.bosun.engine..", "dev.bosun.store..", "dev.bosun.tools..", "dev.bosun.agent..",
                    "dev.bosun.exec..", "dev.bosun.workspace..", "dev.bosun.forge..");

    @ArchTest
    static final ArchRule domainDoesNoIo = noClasses().that().resideInAPackage("dev.bosun.domain..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "java.nio.file..", "java.io..",
                    "java.net..", "org.slf4j..")
            .because("policies are pure functions of (snapshot, now)");

    @ArchTest
    static final ArchRule onlyTheStoreTalksSql = noClasses().that().resideOutsideOfPackage("dev.bosun.store..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.sqlite..");

    @ArchTest
    static final ArchRule readModelRowsCarryTypedStates = noFields().that().areDeclaredInClassesThat()
            .implement(dev.bosun.store.Row.class)
            .and().haveNameMatching("status|state|kind|role|checks|manager|.*Status|.*State")
            .should().haveRawType(String.class)
            .because("a status is a domain enum in every layer: a new one is added to the enum and its sets, and a"
                    + " misspelt status cannot compile");
}

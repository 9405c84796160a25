package io.clipdeck;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionCheck;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthMonitor;
import io.clipdeck.db.PooledDatabase;
import org.junit.jupiter.api.Test;

/** Keeps the layers apart: the core knows nothing of JavaFX, view models only of its properties. */
class ArchitectureTest {

  private static final JavaClasses CLIPDECK =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.clipdeck");

  @Test
  void nothingOutsideTheUiUsesJavaFx() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.clipdeck.ui..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("javafx..")
        .check(CLIPDECK);
  }

  @Test
  void viewModelsUseOnlyJavaFxPropertiesAndCollections() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .should()
        .dependOnClassesThat(
            resideInAPackage("javafx..")
                .and(not(resideInAnyPackage("javafx.beans..", "javafx.collections.."))))
        .check(CLIPDECK);
  }

  @Test
  void viewsHoldNoSqlHttpOrThreads() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("View")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("java.sql..", "java.net.http..", "javax.sql..")
        .orShould()
        .dependOnClassesThat()
        .belongToAnyOf(Thread.class, java.util.concurrent.ExecutorService.class)
        .check(CLIPDECK);
  }

  @Test
  void onlyTheCommandLinePrintsToStandardOut() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.clipdeck.cli..")
        .should()
        .accessField(System.class, "out")
        .check(CLIPDECK);
  }

  @Test
  void theCoreDoesNotReachIntoTheUi() {
    noClasses()
        .that()
        .resideOutsideOfPackages("io.clipdeck.ui..", "io.clipdeck")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.clipdeck.ui..")
        .check(CLIPDECK);
  }

  @Test
  void viewModelsReachTheDatabaseOnlyThroughServices() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("ViewModel")
        .should()
        .dependOnClassesThat(
            resideInAnyPackage("java.sql..", "javax.sql..")
                .or(
                    belongToAnyOf(
                        PooledDatabase.class,
                        DatabaseRegistry.class,
                        HealthMonitor.class,
                        ConnectionCheck.class,
                        SampleData.class))
                // VideoFilter is a value (what the browser hands to enrichment), not a repository.
                .or(
                    resideInAPackage("io.clipdeck.data.repo..")
                        .and(not(belongToAnyOf(VideoFilter.class)))))
        .check(CLIPDECK);
  }

  @Test
  void theTopLevelPackagesAreFreeOfCycles() {
    slices().matching("io.clipdeck.(*)..").should().beFreeOfCycles().check(CLIPDECK);
  }

  @Test
  void thePackagesAndTheirSubPackagesAreFreeOfCycles() {
    slices().matching("io.clipdeck.(**)").should().beFreeOfCycles().check(CLIPDECK);
  }

  /**
   * A simple name says one job: two top-level classes sharing one (in different packages) read as
   * the same thing in imports, stack traces and docs. Known pair, left to their owners: {@code
   * data.Column} (an entity's allowed column) and {@code sql.Column} (a result column).
   */
  @Test
  void noTwoTopLevelClassesShareASimpleName() {
    java.util.Map<String, java.util.List<String>> byName =
        CLIPDECK.stream()
            .filter(JavaClass::isTopLevelClass)
            .collect(
                java.util.stream.Collectors.groupingBy(
                    JavaClass::getSimpleName,
                    java.util.TreeMap::new,
                    java.util.stream.Collectors.mapping(
                        JavaClass::getName, java.util.stream.Collectors.toList())));
    byName.remove("Column");
    byName.values().removeIf(names -> names.size() < 2);
    org.assertj.core.api.Assertions.assertThat(byName)
        .as("simple names used by more than one class; rename one so each name says its job")
        .isEmpty();
  }
}

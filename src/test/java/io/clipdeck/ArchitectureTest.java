package io.clipdeck;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
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
}

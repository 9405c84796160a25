package io.clipdeck.ui.migrations;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The new-migration form: its name, a description, and the up and down SQL as typed. */
public final class MigrationForm {

  final StringProperty name = new SimpleStringProperty("");
  final StringProperty description = new SimpleStringProperty("");
  final StringProperty upSql = new SimpleStringProperty("");
  final StringProperty downSql = new SimpleStringProperty("");

  public StringProperty nameProperty() {
    return name;
  }

  public StringProperty descriptionProperty() {
    return description;
  }

  public StringProperty upSqlProperty() {
    return upSql;
  }

  public StringProperty downSqlProperty() {
    return downSql;
  }

  void clear() {
    name.set("");
    description.set("");
    upSql.set("");
    downSql.set("");
  }
}

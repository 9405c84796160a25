package io.clipdeck.ui.shell;

import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.ViewLoader;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;

/**
 * A view whose feature has not been built yet: it says what it will show and offers no control that
 * does nothing.
 */
final class PlannedView implements FeatureView {

  private final Parent root;
  private final String title;
  private final String summary;
  private final String plan;

  @FXML private Label viewTitle;
  @FXML private Label summaryLabel;
  @FXML private Label planLabel;

  PlannedView(Section section, String plan) {
    this.title = section.title();
    this.summary = section.summary();
    this.plan = plan;
    this.root = ViewLoader.load("common/PlannedView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    viewTitle.setText(title);
    summaryLabel.setText(summary);
    planLabel.setText(plan);
  }
}

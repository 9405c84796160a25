package io.clipdeck.ui.dashboard;

import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.ViewLoader;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

/** The active profile's health and pool figures as tiles. */
public final class DashboardView implements FeatureView {

  private final DashboardViewModel viewModel;
  private final Parent root;

  @FXML private Label heading;
  @FXML private Label healthLine;
  @FXML private FlowPane tiles;

  public DashboardView(DashboardViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = ViewLoader.load("dashboard/DashboardView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    heading.textProperty().bind(viewModel.headingProperty());
    healthLine.textProperty().bind(viewModel.healthLineProperty());
    viewModel.figures().addListener((ListChangeListener<Figure>) change -> redraw());
    redraw();
  }

  private void redraw() {
    tiles.getChildren().setAll(viewModel.figures().stream().map(DashboardView::tile).toList());
  }

  private static VBox tile(Figure figure) {
    Label value = new Label(figure.value());
    value.getStyleClass().add("tile-value");
    Label name = new Label(figure.name());
    name.getStyleClass().add("tile-name");
    Label meaning = new Label(figure.meaning());
    meaning.getStyleClass().add("tile-meaning");
    meaning.setWrapText(true);
    VBox tile = new VBox(2, name, value, meaning);
    tile.getStyleClass().add("tile");
    return tile;
  }

  @Override
  public void shown() {
    viewModel.start();
  }

  @Override
  public void hidden() {
    viewModel.stop();
  }

  @Override
  public void close() {
    viewModel.stop();
  }
}

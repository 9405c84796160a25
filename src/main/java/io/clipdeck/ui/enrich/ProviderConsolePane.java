package io.clipdeck.ui.enrich;

import io.clipdeck.api.Provider;
import io.clipdeck.api.clients.ProviderFigures.Figure;
import io.clipdeck.ui.fx.Styles;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The console's cards in a box: one card per provider, built once and then only its texts change
 * from poll to poll, so a card keeps its nodes (and the user's focus or scroll) while it updates.
 * Each figure's value label has the id {@code <provider>-<figure>}, e.g. {@code youtube-cache}.
 */
final class ProviderConsolePane {

  private final ProviderConsoleViewModel viewModel;
  private final Pane box;
  private final Map<Provider, Card> shown = new EnumMap<>(Provider.class);

  private ProviderConsolePane(ProviderConsoleViewModel viewModel, Pane box) {
    this.viewModel = viewModel;
    this.box = box;
  }

  static void install(ProviderConsoleViewModel viewModel, Pane box) {
    ProviderConsolePane pane = new ProviderConsolePane(viewModel, box);
    viewModel.cards().addListener((ListChangeListener<ProviderCard>) change -> pane.update());
    pane.update();
  }

  private void update() {
    List<Node> order = new ArrayList<>();
    List<Provider> present = new ArrayList<>();
    for (ProviderCard card : viewModel.cards()) {
      Card nodes = shown.computeIfAbsent(card.provider(), this::build);
      nodes.show(card);
      order.add(nodes.root);
      present.add(card.provider());
    }
    shown.keySet().retainAll(present);
    if (!box.getChildren().equals(order)) {
      box.getChildren().setAll(order);
    }
  }

  private Card build(Provider provider) {
    Label title = new Label();
    title.getStyleClass().add("provider-card-title");
    Region spacer = new Region();
    HBox.setHgrow(spacer, Priority.ALWAYS);
    Button clear = new Button("Clear cache");
    clear.setId("clearCache-" + provider.id());
    clear.setMinWidth(Region.USE_PREF_SIZE);
    clear.disableProperty().bind(viewModel.busyProperty());
    clear.setOnAction(event -> viewModel.clearCache(provider));
    HBox header = new HBox(8, title, spacer, clear);
    header.setAlignment(Pos.CENTER_LEFT);
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(2);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    ColumnConstraints values = new ColumnConstraints();
    values.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().setAll(labels, values);
    VBox root = new VBox(4, header, grid);
    root.setId("provider-" + provider.id());
    root.getStyleClass().add("provider-card");
    return new Card(provider, root, title, grid);
  }

  /** One provider's nodes: the title, and a value label per figure, made on first sight. */
  private static final class Card {
    private final Provider provider;
    private final VBox root;
    private final Label title;
    private final GridPane grid;
    private final Map<String, Label> values = new java.util.HashMap<>();
    private final SimpleBooleanProperty attention = new SimpleBooleanProperty();

    Card(Provider provider, VBox root, Label title, GridPane grid) {
      this.provider = provider;
      this.root = root;
      this.title = title;
      this.grid = grid;
      Styles.toggle(root, "attention", attention);
    }

    void show(ProviderCard card) {
      title.setText(card.title());
      attention.set(card.needsAttention());
      for (Figure figure : card.figures()) {
        Label value = values.computeIfAbsent(figure.label(), this::row);
        value.setText(figure.value());
      }
    }

    private Label row(String label) {
      Label name = new Label(label);
      name.getStyleClass().add("figure-label");
      name.setMinWidth(Region.USE_PREF_SIZE);
      Label value = new Label();
      value.setWrapText(true);
      value.setId(provider.id() + "-" + label.toLowerCase(Locale.ROOT).replace(' ', '-'));
      grid.addRow(values.size(), name, value);
      return value;
    }
  }
}

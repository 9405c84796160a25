package io.clipdeck.ui.dashboard;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

/**
 * Tiles of a list kept from tick to tick, one per key: a tick changes their texts, not their nodes.
 * Building every tile again each tick (a tooltip each for the figures, ten profiles' cards) took
 * most of a refresh's FX-thread time: about 40 ms per tick under load (FxBench's dashboard).
 */
final class KeptTiles<T> {

  /** One tile's nodes; {@link #show} puts an item's texts into them. */
  interface Tile<T> {
    Node node();

    void show(T item);
  }

  private final Pane pane;
  private final Function<T, String> key;
  private final Supplier<Tile<T>> create;
  private final Map<String, Tile<T>> byKey = new HashMap<>();

  private KeptTiles(Pane pane, Function<T, String> key, Supplier<Tile<T>> create) {
    this.pane = pane;
    this.key = key;
    this.create = create;
  }

  /** Shows {@code items} in {@code pane} and keeps it up to date. */
  static <T> void show(
      Pane pane, ObservableList<T> items, Function<T, String> key, Supplier<Tile<T>> create) {
    KeptTiles<T> tiles = new KeptTiles<>(pane, key, create);
    items.addListener((ListChangeListener<T>) change -> tiles.update(items));
    tiles.update(items);
  }

  private void update(List<T> items) {
    List<Node> nodes = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    for (T item : items) {
      // A key seen twice gets a tile of its own for each (a node has one place in a pane).
      String name = key.apply(item);
      String unique = name;
      for (int n = 2; !keys.add(unique); n++) {
        unique = name + "#" + n;
      }
      Tile<T> tile = byKey.computeIfAbsent(unique, ignored -> create.get());
      tile.show(item);
      nodes.add(tile.node());
    }
    byKey.keySet().retainAll(keys);
    if (!pane.getChildren().equals(nodes)) {
      pane.getChildren().setAll(nodes);
    }
  }

  /** A figure's tile: its name over its value; hover for what it means. */
  static final class FigureTile implements Tile<Figure> {
    private final Label name = new Label();
    private final Label value = new Label();
    private final Tooltip meaning = new Tooltip();
    private final VBox node = new VBox(1, name, value);

    FigureTile() {
      name.getStyleClass().add("tile-name");
      value.getStyleClass().add("tile-value");
      node.getStyleClass().add("tile");
      Tooltip.install(node, meaning);
    }

    @Override
    public Node node() {
      return node;
    }

    @Override
    public void show(Figure figure) {
      name.setText(figure.name());
      value.setText(figure.value());
      meaning.setText(figure.name() + ": " + figure.meaning());
    }
  }

  /** Another open profile's or a group's card: red when down, outlined when it has an alert. */
  static final class CardTile implements Tile<CardRow> {
    private final Label name = new Label();
    private final Label state = new Label();
    private final Label detail = new Label();
    private final VBox node = new VBox(2, name, state, detail);

    CardTile() {
      name.getStyleClass().add("card-name");
      state.setWrapText(true);
      detail.getStyleClass().add("card-detail");
      detail.setWrapText(true);
      node.getStyleClass().add("card");
    }

    @Override
    public Node node() {
      return node;
    }

    @Override
    public void show(CardRow row) {
      name.setText(row.name() + " · " + row.kind());
      state.setText(row.state());
      detail.setText(row.detail());
      mark("card-down", !row.up());
      mark("card-alerting", row.alerting());
    }

    private void mark(String styleClass, boolean on) {
      if (!on) {
        node.getStyleClass().remove(styleClass);
      } else if (!node.getStyleClass().contains(styleClass)) {
        node.getStyleClass().add(styleClass);
      }
    }
  }
}

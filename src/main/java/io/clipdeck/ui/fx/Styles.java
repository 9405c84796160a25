package io.clipdeck.ui.fx;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/** Style classes that follow a view model's state. */
public final class Styles {

  private Styles() {}

  /** Gives {@code node} the style class while {@code when} is true, now and on every change. */
  public static void toggle(Node node, String styleClass, ObservableValue<Boolean> when) {
    when.addListener((observable, was, now) -> set(node, styleClass, Boolean.TRUE.equals(now)));
    set(node, styleClass, Boolean.TRUE.equals(when.getValue()));
  }

  /** Gives {@code node} the style class once when {@code on}, takes it away when not. */
  public static void set(Node node, String styleClass, boolean on) {
    node.getStyleClass().remove(styleClass);
    if (on) {
      node.getStyleClass().add(styleClass);
    }
  }
}

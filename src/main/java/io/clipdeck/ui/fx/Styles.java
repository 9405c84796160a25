package io.clipdeck.ui.fx;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/** Style classes that follow a view model's state. */
public final class Styles {

  private Styles() {}

  /** Gives {@code node} the style class while {@code when} is true, now and on every change. */
  public static void toggle(Node node, String styleClass, ObservableValue<Boolean> when) {
    Runnable apply =
        () -> {
          node.getStyleClass().remove(styleClass);
          if (Boolean.TRUE.equals(when.getValue())) {
            node.getStyleClass().add(styleClass);
          }
        };
    when.addListener((observable, was, now) -> apply.run());
    apply.run();
  }
}

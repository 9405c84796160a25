package io.clipdeck.ui.fx;

import java.util.Collection;
import java.util.Objects;
import java.util.function.Function;
import javafx.util.StringConverter;

/** How a choice box names its values: one label per value, and a text for "none" (null). */
public final class ChoiceNames {

  private ChoiceNames() {}

  /**
   * @param label the text of a value
   * @param forNull the text shown for null ("Every status", "Key order", or "")
   * @param values the values a text is read back to (a live list is read when asked)
   */
  public static <T> StringConverter<T> of(
      Function<T, String> label, String forNull, Collection<? extends T> values) {
    return new StringConverter<>() {
      @Override
      public String toString(T value) {
        return value == null ? forNull : label.apply(value);
      }

      @Override
      public T fromString(String text) {
        for (T value : values) {
          if (Objects.equals(label.apply(value), text)) {
            return value;
          }
        }
        return null;
      }
    };
  }
}

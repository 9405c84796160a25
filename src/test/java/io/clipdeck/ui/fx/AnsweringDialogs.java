package io.clipdeck.ui.fx;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link DialogService} for view-model tests: it writes down every question and notice and
 * answers each question with {@link #answer}.
 */
public final class AnsweringDialogs implements DialogService {

  /** The titles of the questions asked, oldest first; typed confirmations end "(type NAME)". */
  public final List<String> questions = new ArrayList<>();

  /** The notices shown, as "title: message". */
  public final List<String> notices = new ArrayList<>();

  /** What the user answers: confirm (true) or cancel (false). */
  public boolean answer = true;

  @Override
  public boolean confirm(String title, String question, String confirmLabel) {
    questions.add(title);
    return answer;
  }

  @Override
  public boolean confirmByTyping(String title, String question, String expected) {
    questions.add(title + " (type " + expected + ")");
    return answer;
  }

  @Override
  public void notify(String title, String message) {
    notices.add(title + ": " + message);
  }
}

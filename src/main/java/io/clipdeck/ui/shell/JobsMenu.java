package io.clipdeck.ui.shell;

import io.clipdeck.app.RunningJob;
import java.util.function.LongConsumer;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The status bar's running jobs: the button reads what runs ("Idle", the one job with its count, or
 * "3 jobs running"); its list shows each job with its progress and, where it can stop, a Cancel
 * button.
 */
final class JobsMenu {

  private final MenuButton button;
  private final LongConsumer cancel;

  JobsMenu(MenuButton button, ObservableList<RunningJob> jobs, LongConsumer cancel) {
    this.button = button;
    this.cancel = cancel;
    jobs.addListener((ListChangeListener<RunningJob>) change -> show(jobs));
    show(jobs);
  }

  private void show(ObservableList<RunningJob> jobs) {
    button.setDisable(jobs.isEmpty());
    button.getItems().setAll(jobs.stream().map(this::item).toList());
    if (jobs.isEmpty()) {
      button.hide();
    }
  }

  private CustomMenuItem item(RunningJob job) {
    Label description = new Label(job.description());
    description.getStyleClass().add("job-description");
    ProgressBar bar = new ProgressBar(job.fraction());
    bar.setPrefWidth(200);
    Label count = new Label(job.cancelling() ? job.count() + " (stopping…)" : job.count());
    count.getStyleClass().add("job-count");
    HBox line = new HBox(8, bar, count);
    line.setAlignment(Pos.CENTER_LEFT);
    if (job.cancellable()) {
      Button stop = new Button("Cancel");
      stop.setDisable(job.cancelling());
      stop.setOnAction(event -> cancel.accept(job.id()));
      line.getChildren().add(stop);
    }
    VBox content = new VBox(4, description, line);
    content.getStyleClass().add("job-entry");
    CustomMenuItem item = new CustomMenuItem(content, false);
    item.setId("job-" + job.id());
    return item;
  }
}

package io.clipdeck.ui.fx;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;

/**
 * A view's progress bar for its long jobs ({@link ViewJobs#track}): the bar, its count and a cancel
 * button, shown only while such a job runs. Every view uses this one, so they all look and behave
 * alike.
 */
public final class JobProgressBar extends HBox {

  /** Puts a bar for {@code jobs} just above {@code statusLine}, in the same box. */
  public static JobProgressBar above(Node statusLine, ViewJobs jobs) {
    JobProgressBar bar = new JobProgressBar(jobs);
    Pane box = (Pane) statusLine.getParent();
    box.getChildren().add(box.getChildren().indexOf(statusLine), bar);
    return bar;
  }

  public JobProgressBar(ViewJobs jobs) {
    super(8);
    setAlignment(Pos.CENTER_LEFT);
    getStyleClass().add("job-progress");
    setId("jobProgress");
    ProgressBar bar = new ProgressBar();
    bar.setId("jobProgressBar");
    bar.setPrefWidth(220);
    bar.setMinWidth(120);
    bar.progressProperty().bind(jobs.progressProperty());
    Label count = new Label();
    count.setId("jobProgressText");
    count.textProperty().bind(jobs.progressTextProperty());
    count.setMinWidth(0);
    HBox.setHgrow(count, Priority.ALWAYS);
    Button cancel = new Button("Cancel");
    cancel.setId("jobCancelButton");
    cancel.setMinWidth(USE_PREF_SIZE);
    cancel.disableProperty().bind(jobs.cancellableProperty().not());
    cancel.setOnAction(event -> jobs.cancelTracked());
    getChildren().addAll(bar, count, cancel);
    visibleProperty().bind(jobs.trackingProperty());
    managedProperty().bind(jobs.trackingProperty());
  }
}

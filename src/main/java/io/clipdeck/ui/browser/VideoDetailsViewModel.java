package io.clipdeck.ui.browser;

import io.clipdeck.browse.BrowseService;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.ViewJobs;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The browser's selected video: its fields, clips and model usage, and the edit of its title and
 * status or its deletion. Shares the browser's jobs (one busy flag, one status line); after a
 * change the browser reads its page again.
 */
public final class VideoDetailsViewModel {

  private final BrowseService service;
  private final ViewJobs jobs;
  private final DialogService dialogs;
  private final VideoFormat format;
  private final BrowserWrites writes;
  private final ViewJobs.Latest reads;

  private final ObjectProperty<VideoRow> selected = new SimpleObjectProperty<>();
  private final StringProperty editTitle = new SimpleStringProperty("");
  private final ObjectProperty<VideoStatus> editStatus = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
  private final ObservableList<ClipRow> clips = FXCollections.observableArrayList();
  private final ObservableList<String> usage = FXCollections.observableArrayList();

  VideoDetailsViewModel(
      BrowseService service,
      ViewJobs jobs,
      DialogService dialogs,
      VideoFormat format,
      BrowserWrites writes) {
    this.service = service;
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.format = format;
    this.writes = writes;
    this.reads = jobs.latest();
    selected.addListener((observable, was, row) -> show(row));
  }

  /** The video whose details are shown. */
  public ObjectProperty<VideoRow> selectedProperty() {
    return selected;
  }

  public StringProperty editTitleProperty() {
    return editTitle;
  }

  public ObjectProperty<VideoStatus> editStatusProperty() {
    return editStatus;
  }

  /** The selected video's fields, one per line. */
  public ReadOnlyStringProperty detailsProperty() {
    return details.getReadOnlyProperty();
  }

  public ObservableList<ClipRow> clips() {
    return clips;
  }

  public ObservableList<String> usage() {
    return usage;
  }

  private void show(VideoRow row) {
    reads.cancel();
    if (row == null || row.isPlaceholder()) {
      details.set("");
      clips.clear();
      usage.clear();
      editTitle.set("");
      editStatus.set(null);
      return;
    }
    Video video = row.video();
    editTitle.set(video.title() == null ? "" : video.title());
    editStatus.set(video.status());
    details.set(format.describe(video));
    ConnectionProfile on = service.active();
    reads.run(
        "Reading the clips of " + video.videoId(),
        () -> service.details(on, video),
        (found, error) -> {
          if (error != null) {
            jobs.report("Cannot read the clips: " + ViewJobs.message(error), true);
            return;
          }
          clips.setAll(VideoFormat.clipRows(video, found.clips()));
          usage.setAll(found.usage().stream().map(VideoFormat::usageLine).toList());
        });
  }

  /** Saves the edited title and status of the selected video; asks first on Production. */
  public void save() {
    VideoRow row = selected.get();
    if (row == null) {
      jobs.report("Select a video to edit it.", true);
      return;
    }
    String title;
    try {
      title = BrowseService.checkTitle(editTitle.get());
    } catch (IllegalArgumentException e) {
      jobs.report(e.getMessage(), true);
      return;
    }
    VideoStatus newStatus = editStatus.get();
    if (newStatus == null) {
      jobs.report("Choose a status.", true);
      return;
    }
    ConnectionProfile on = service.active();
    if (!writes.confirmOnProduction(
        on, "Save " + row.videoId(), "Save the title and status of " + row.videoId(), "Save")) {
      return;
    }
    writes.write(
        "Saving " + row.videoId(),
        () -> service.save(on, row.video(), title, newStatus),
        "Saved " + row.videoId() + ".");
  }

  /** Deletes the selected video and its clips, after asking. */
  public void deleteSelected() {
    VideoRow row = selected.get();
    if (row == null) {
      return;
    }
    ConnectionProfile on = service.active();
    if (!dialogs.confirm(
        "Delete " + row.videoId(),
        "Delete the video "
            + row.videoId()
            + (row.clips() > 0 ? " and its " + row.clips() + " clips" : "")
            + " from "
            + on.name()
            + (on.environment().asksBeforeWrites() ? " (a Production database)" : "")
            + "?",
        "Delete")) {
      return;
    }
    writes.write(
        "Deleting " + row.videoId(),
        () -> service.delete(on, row.id()),
        "Deleted " + row.videoId() + ".");
  }
}

package io.clipdeck.ui.browser;

import io.clipdeck.browse.BrowseService;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.ui.fx.ViewJobs;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The browser's form for a new pending video: a YouTube URL (its video id becomes the external id),
 * a title and the owning user. Shares the browser's jobs and status line.
 */
public final class NewVideoViewModel {

  private final BrowseService service;
  private final ViewJobs jobs;
  private final Consumer<String> showVideo;

  private final StringProperty newUrl = new SimpleStringProperty("");
  private final StringProperty newTitle = new SimpleStringProperty("");
  private final StringProperty newUser = new SimpleStringProperty("");

  /**
   * @param showVideo shows the video with this external id (the browser searches for it)
   */
  NewVideoViewModel(BrowseService service, ViewJobs jobs, Consumer<String> showVideo) {
    this.service = service;
    this.jobs = jobs;
    this.showVideo = showVideo;
  }

  /** The new video's address: a YouTube video URL. */
  public StringProperty newUrlProperty() {
    return newUrl;
  }

  public StringProperty newTitleProperty() {
    return newTitle;
  }

  /** The id of the user the new video belongs to. */
  public StringProperty newUserProperty() {
    return newUser;
  }

  /**
   * Adds a pending video from the form. Refuses, saying why, a URL that names no YouTube video, an
   * empty or long title, a user that is not a number or not there, and an id already stored.
   */
  public void createVideo() {
    BrowseService.NewVideo video;
    try {
      video = BrowseService.newVideo(newUrl.get(), newTitle.get(), newUser.get());
    } catch (IllegalArgumentException e) {
      jobs.report(e.getMessage(), true);
      return;
    }
    ConnectionProfile on = service.active();
    String job = "Adding " + video.url().videoId();
    jobs.run(
        job,
        () -> service.create(on, video),
        (created, error) -> {
          if (error != null) {
            jobs.report(job + " failed: " + ViewJobs.message(error), true);
            return;
          }
          newUrl.set("");
          newTitle.set("");
          jobs.report("Added " + created.videoId() + " (pending).", false);
          // Shown at once: searched for, at the top of the table.
          showVideo.accept(created.videoId());
        });
  }
}

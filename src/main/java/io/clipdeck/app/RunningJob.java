package io.clipdeck.app;

import java.util.Locale;

/**
 * A background job as the status bar lists it: a point-in-time copy.
 *
 * @param done units finished so far (0 while the job has said nothing)
 * @param total units in all, or -1 when the job does not know (or says nothing)
 * @param cancellable whether {@link BackgroundJobs#cancel} can stop it
 * @param cancelling whether a cancel was asked and the job has not stopped yet
 */
public record RunningJob(
    long id, String description, long done, long total, boolean cancellable, boolean cancelling) {

  /** How far it is, 0 to 1, or -1 when unknown. */
  public double fraction() {
    return total > 0 ? Math.min(1.0, (double) done / total) : -1;
  }

  /** "1,200 of 5,000", "1,200" or "" (nothing said yet). */
  public String count() {
    if (total > 0) {
      return String.format(Locale.ROOT, "%,d of %,d", done, total);
    }
    return done > 0 ? String.format(Locale.ROOT, "%,d", done) : "";
  }
}

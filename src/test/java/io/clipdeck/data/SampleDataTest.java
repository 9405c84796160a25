package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.progress.JobCancelledException;
import io.clipdeck.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Sample data: the sizes asked for, and the same rows for the same seed. */
class SampleDataTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void makesTheSizesAskedForAndTheSameRowsForTheSameSeed(DatabaseKind kind) throws Exception {
    SampleData.Spec spec = new SampleData.Spec(20, 500, 3, 10, 42);
    try (DataFixture first = DataFixture.open(kind, dir);
        DataFixture second = DataFixture.open(kind, dir)) {
      SampleData.Result made =
          new SampleData(first.data, first.clock, 200).generate(spec, BatchProgress.NONE);
      new SampleData(second.data, second.clock, 200).generate(spec, BatchProgress.NONE);

      long completed = first.data.videos().count(Map.of("status", VideoStatus.COMPLETED));
      assertThat(first.rowCounts())
          .isEqualTo(
              Map.of("users", 20L, "videos", 500L, "clips", completed * 3, "model_usage", 200L));
      assertThat(made.clips()).isEqualTo(completed * 3);
      assertThat(completed).isPositive();
      assertThat(first.rowCounts()).isEqualTo(second.rowCounts());
      List<Video> a = first.data.videos().getAll(1000, 0, Sort.BY_ID);
      List<Video> b = second.data.videos().getAll(1000, 0, Sort.BY_ID);
      assertThat(a).isEqualTo(b);
      assertThat(first.data.usage().dailyUsage(30)).isEqualTo(second.data.usage().dailyUsage(30));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aCancelStopsAfterAWholeSliceEveryVideoWithItsClips(DatabaseKind kind) throws Exception {
    SampleData.Spec spec = new SampleData.Spec(5, 3 * SampleData.SLICE + 10, 2, 1, 7);
    List<Long> told = new ArrayList<>();
    Progress cancelAfterFirstSlice =
        new Progress() {
          @Override
          public void advanced(long done, long total) {
            told.add(done);
            assertThat(total).isEqualTo(spec.videos());
          }

          @Override
          public boolean cancelRequested() {
            return !told.isEmpty();
          }
        };
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      assertThatThrownBy(
              () ->
                  new SampleData(fixture.data, fixture.clock, 200)
                      .generate(spec, BatchProgress.NONE, cancelAfterFirstSlice))
          .isInstanceOf(JobCancelledException.class)
          .hasMessageContaining("after 1000 of 3010 sample videos");

      long completed = fixture.data.videos().count(Map.of("status", VideoStatus.COMPLETED));
      assertThat(told).containsExactly((long) SampleData.SLICE);
      assertThat(fixture.rowCounts())
          .containsEntry("users", 5L)
          .containsEntry("videos", (long) SampleData.SLICE)
          .containsEntry("clips", completed * 2)
          .containsEntry("model_usage", 0L);
    }
  }
}

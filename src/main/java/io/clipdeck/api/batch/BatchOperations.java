package io.clipdeck.api.batch;

import io.clipdeck.api.ApiException;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.openai.Caption;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.youtube.VideoInfo;
import io.clipdeck.api.youtube.YouTubeClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Many calls at once on virtual threads, at most {@code maxConcurrency} in flight: the rate limiter
 * spaces them in time, this bound keeps a big batch from holding hundreds of connections.
 */
public final class BatchOperations {

  private final int maxConcurrency;

  public BatchOperations(int maxConcurrency) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("a batch needs at least 1 call in flight");
    }
    this.maxConcurrency = maxConcurrency;
  }

  /**
   * Video details in {@code videos.list} requests of 50 ids, in parallel; each chunk of ids
   * succeeds or fails as one. Unknown ids are absent from the chunk's list.
   */
  public List<BatchItem<List<String>, List<VideoInfo>>> batchVideoInfo(
      YouTubeClient youtube, List<String> videoIds) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < videoIds.size(); from += YouTubeClient.MAX_IDS_PER_REQUEST) {
      chunks.add(
          List.copyOf(
              videoIds.subList(
                  from, Math.min(videoIds.size(), from + YouTubeClient.MAX_IDS_PER_REQUEST))));
    }
    return run(chunks, chunk -> youtube.videoBatch(chunk, CallOptions.cached()));
  }

  /** Captions for many videos, each job its own call. */
  public List<BatchItem<CaptionJob, List<Caption>>> batchCaptions(
      OpenAiClient openAi, List<CaptionJob> jobs) {
    return run(jobs, job -> openAi.generateCaptions(job.transcript(), job.style(), job.language()));
  }

  /** Runs {@code work} for every key, results in the order of the keys. */
  public <K, V> List<BatchItem<K, V>> run(List<K> keys, Function<K, V> work) {
    Semaphore inFlight = new Semaphore(maxConcurrency);
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<BatchItem<K, V>>> futures = new ArrayList<>();
      for (K key : keys) {
        futures.add(executor.submit(() -> one(key, work, inFlight)));
      }
      List<BatchItem<K, V>> results = new ArrayList<>();
      for (Future<BatchItem<K, V>> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("the batch was interrupted");
    } catch (ExecutionException e) {
      // one() catches ApiException; anything else is a bug and should surface as itself.
      throw e.getCause() instanceof RuntimeException runtime
          ? runtime
          : new IllegalStateException(e.getCause());
    }
  }

  private static <K, V> BatchItem<K, V> one(K key, Function<K, V> work, Semaphore inFlight)
      throws InterruptedException {
    inFlight.acquire();
    try {
      return new BatchItem.Succeeded<>(key, work.apply(key));
    } catch (ApiException e) {
      return new BatchItem.Failed<>(key, e);
    } finally {
      inFlight.release();
    }
  }
}

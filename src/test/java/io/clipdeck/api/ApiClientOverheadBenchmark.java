package io.clipdeck.api;

import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.api.youtube.VideoInfo;
import io.clipdeck.api.youtube.YouTubeClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the client's layers cost per call: the same {@code videos.list} request to the loopback
 * simulator (no latency) with a bare {@link HttpClient}, through {@link ApiClient} (key, ledger
 * limiter, breaker, retry loop, metrics; cache off) keeping the raw bytes, and through {@link
 * YouTubeClient} with Jackson decoding into records. Runs only under {@code -Pbench}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
// A longer warm-up than the pool benchmark: three HTTP stacks and Jackson have to settle.
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 3)
@State(Scope.Benchmark)
public class ApiClientOverheadBenchmark {

  private static final String KEY = "AIzaSyBENCHkey000000000000000000000";
  private static final String PATH =
      "/videos?id=Qm7vT2xK9aB&maxResults=50&part=snippet,contentDetails,statistics";

  private ProviderSimulator simulator;
  private ExecutorService bareExecutor;
  private HttpClient bare;
  private URI bareUri;
  private YouTubeClient youtube;
  private ApiRequest request;

  @Setup(Level.Trial)
  public void start() {
    // The simulated daily quota (10,000 units) would run out within the first second.
    simulator =
        ProviderSimulator.start(SimulatorSettings.defaults().youtubeDailyUnits(1_000_000_000_000L));
    // Built like HttpTransport's (HTTP/2 preferred, virtual-thread executor), so the difference is
    // the layers, not the HTTP stack's own settings.
    bareExecutor = Executors.newVirtualThreadPerTaskExecutor();
    bare =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(bareExecutor)
            .build();
    bareUri = URI.create(simulator.baseUri(Provider.YOUTUBE) + PATH + "&key=" + KEY);
    youtube =
        YouTubeClient.create(
            ApiClientConfig.custom(Provider.YOUTUBE)
                .baseUri(simulator.baseUri(Provider.YOUTUBE))
                .key("bench", () -> Optional.of(KEY.toCharArray()))
                // Limits far above what the benchmark reaches: the ledger is consulted, never full.
                .limitPerMinute(100_000_000)
                .limitPerHour(1_000_000_000)
                .requestTimeout(Duration.ofSeconds(10))
                .build(),
            new InMemoryQuotaLedger(),
            SharedCache.none());
    request =
        ApiRequest.get(
            "videos.list",
            "/videos",
            Map.of(
                "id", "Qm7vT2xK9aB",
                "maxResults", "50",
                "part", "snippet,contentDetails,statistics"));
  }

  @TearDown(Level.Trial)
  public void stop() {
    youtube.close();
    bare.close();
    bareExecutor.close();
    simulator.close();
  }

  @Benchmark
  public byte[] bareHttpClient() throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        bare.send(
            HttpRequest.newBuilder(bareUri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + response.statusCode());
    }
    return response.body();
  }

  @Benchmark
  public ApiResponse apiClientRawBytes() {
    return youtube.api().call(request, response -> response, CallOptions.uncached());
  }

  @Benchmark
  public List<VideoInfo> youTubeClientTyped() {
    return youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached());
  }
}

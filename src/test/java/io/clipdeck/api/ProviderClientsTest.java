package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.elevenlabs.ElevenLabsClient;
import io.clipdeck.api.elevenlabs.Narration;
import io.clipdeck.api.elevenlabs.Voice;
import io.clipdeck.api.openai.Caption;
import io.clipdeck.api.openai.ChatSettings;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.openai.VideoAnalysis;
import io.clipdeck.api.simulator.JournalEntry;
import io.clipdeck.api.stability.StabilityClient;
import io.clipdeck.api.stability.Thumbnail;
import io.clipdeck.api.stability.ThumbnailRequest;
import io.clipdeck.api.youtube.CaptionTrack;
import io.clipdeck.api.youtube.ChannelVideo;
import io.clipdeck.api.youtube.SearchPage;
import io.clipdeck.api.youtube.VideoInfo;
import io.clipdeck.api.youtube.YouTubeClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every typed call, end to end against the simulator with keys required. */
class ProviderClientsTest {

  private final SimulatorFixture fixture = new SimulatorFixture();
  private final QuotaLedger ledger = new InMemoryQuotaLedger();
  private final YouTubeClient youtube =
      YouTubeClient.create(fixture.config(Provider.YOUTUBE).build(), ledger, SharedCache.none());
  private final OpenAiClient openAi =
      OpenAiClient.create(
          fixture.config(Provider.OPENAI).build(),
          ChatSettings.openAi("sim-chat-1"),
          ledger,
          SharedCache.none());
  private final StabilityClient stability =
      StabilityClient.create(
          fixture.config(Provider.STABILITY).build(), ledger, SharedCache.none());
  private final ElevenLabsClient elevenLabs =
      ElevenLabsClient.create(
          fixture.config(Provider.ELEVENLABS).build(), ledger, SharedCache.none());

  @AfterEach
  void close() {
    youtube.close();
    openAi.close();
    stability.close();
    elevenLabs.close();
    fixture.close();
  }

  private List<JournalEntry> requests(Provider provider) {
    return fixture.simulator.journal().of(provider);
  }

  @Test
  void videoInfoGoesOutInBatchesOfFiftyAndSkipsUnknownIds() {
    List<String> ids =
        IntStream.range(0, 120)
            .mapToObj(i -> "vid" + i)
            .collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
    ids.set(7, "missing7");

    List<VideoInfo> videos = youtube.videoInfo(ids, CallOptions.uncached());

    assertThat(videos).hasSize(119).extracting(VideoInfo::id).doesNotContain("missing7");
    assertThat(videos.getFirst().id()).isEqualTo("vid0");
    assertThat(videos).allSatisfy(video -> assertThat(video.duration()).isPresent());
    assertThat(requests(Provider.YOUTUBE)).hasSize(3);
    assertThat(requests(Provider.YOUTUBE))
        .allSatisfy(
            entry -> assertThat(entry.target()).doesNotContain(SimulatorFixture.YOUTUBE_KEY));
  }

  @Test
  void captionsSearchAndChannelUploads() {
    List<CaptionTrack> tracks = youtube.captions("Qm7vT2xK9aB");
    assertThat(tracks).extracting(CaptionTrack::language).containsExactly("en", "de");
    assertThat(tracks.getFirst().kind()).isEqualTo("asr");

    SearchPage first = youtube.search("sourdough", 50, Optional.empty());
    SearchPage second = youtube.search("sourdough", 50, first.nextPageToken());
    SearchPage last = youtube.search("sourdough", 50, second.nextPageToken());
    assertThat(first.results()).hasSize(50);
    assertThat(first.results().getFirst().title())
        .as("search titles come HTML-escaped and are read back")
        .endsWith("for sourdough & more: Don't miss \"it\"");
    assertThat(first.results().getFirst().channelTitle()).isEqualTo("Crumb & Crust");
    assertThat(last.results()).hasSize(20);
    assertThat(last.nextPageToken()).isEmpty();

    List<ChannelVideo> uploads = youtube.channelVideos("UCx3Fq9LmZt2Wb7Kd1RyPn4A", 75);
    assertThat(uploads).hasSize(75);
    assertThat(uploads.getFirst().publishedAt()).isPresent();
    assertThat(requests(Provider.YOUTUBE).stream().filter(e -> e.path().endsWith("/playlistItems")))
        .hasSize(2);
  }

  @Test
  void anUnknownChannelIsNotFound() {
    assertThatThrownBy(() -> youtube.channelVideos("nope", 10))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.NOT_FOUND));
  }

  @Test
  void openAiTextCaptionsAndAnalysis() {
    assertThat(
            openAi
                .generateText("Be brief.", "What is a starter?", 50, CallOptions.uncached())
                .text())
        .startsWith("Simulated answer to: What is a starter?");

    List<Caption> captions = openAi.generateCaptions("0: we add the starter", "engaging", "en");
    assertThat(captions).hasSize(2);
    assertThat(captions)
        .allSatisfy(c -> assertThat(c.endSeconds()).isGreaterThan(c.startSeconds()));

    VideoAnalysis analysis =
        openAi.analyseVideo("Sourdough in 4 minutes", "Three steps that matter");
    assertThat(analysis.topics()).contains("sourdough");
    assertThat(analysis.hook()).isNotBlank();
    assertThat(analysis.clips()).hasSize(2);
  }

  @Test
  void aLocalServerDialectNeedsNoKey() {
    try (OpenAiClient local =
        OpenAiClient.create(
            ApiClientConfig.custom(Provider.OPENAI)
                .baseUri(fixture.simulator.baseUri(Provider.OPENAI))
                .clock(fixture.time)
                .sleeper(fixture.time)
                .build(),
            ChatSettings.localServer("llama3.2:3b"),
            ledger,
            SharedCache.none())) {
      assertThatThrownBy(() -> local.generateText("", "hi", 20, CallOptions.uncached()))
          .as("this simulator requires a key, so the keyless client is refused")
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.UNAUTHORIZED));
    }
    try (var keyless =
            io.clipdeck.api.simulator.ProviderSimulator.start(
                io.clipdeck.api.simulator.SimulatorSettings.defaults());
        OpenAiClient local =
            OpenAiClient.create(
                ApiClientConfig.custom(Provider.OPENAI)
                    .baseUri(keyless.baseUri(Provider.OPENAI))
                    .build(),
                ChatSettings.localServer("llama3.2:3b"),
                ledger,
                SharedCache.none())) {
      assertThat(local.generateCaptions("0: hello", "plain", "de")).isNotEmpty();
    }
  }

  @Test
  void aRefusedTokenLimitFieldIsSwappedOnceAndRemembered() {
    try (SimulatorFixture strict =
            new SimulatorFixture(
                io.clipdeck.api.simulator.SimulatorSettings.defaults()
                    .openAiRefuses("max_tokens"));
        OpenAiClient chat =
            OpenAiClient.create(
                strict.config(Provider.OPENAI).build(),
                ChatSettings.localServer("sim-chat-1"),
                ledger,
                SharedCache.none())) {
      assertThat(chat.generateText("", "first", 20, CallOptions.uncached()).text())
          .contains("first");
      assertThat(strict.simulator.journal().count(Provider.OPENAI)).isEqualTo(2);

      assertThat(chat.generateCaptions("0: hi", "plain", "en")).isNotEmpty();
      assertThat(strict.simulator.journal().count(Provider.OPENAI))
          .as("the working field is kept")
          .isEqualTo(3);
    }
  }

  @Test
  void aThumbnailIsSavedAndAFilteredOneIsNot(@TempDir Path dir) throws Exception {
    Thumbnail thumbnail =
        stability.generateThumbnail(ThumbnailRequest.of("a loaf, morning light"), dir);

    assertThat(thumbnail.file()).exists().hasParent(dir);
    assertThat(Files.readAllBytes(thumbnail.file()))
        .startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    assertThat(thumbnail.contentType()).isEqualTo("image/png");

    assertThatThrownBy(
            () -> stability.generateThumbnail(ThumbnailRequest.of("blur-me please"), dir))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ApiErrorKind.REJECTED);
              assertThat(e.reason()).isEqualTo("CONTENT_FILTERED");
            });
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void narrationIsSavedAndVoicesListed(@TempDir Path dir) throws Exception {
    List<Voice> voices = elevenLabs.voices();
    assertThat(voices).extracting(Voice::name).containsExactly("Harper", "Milo", "Ada");

    Narration narration =
        elevenLabs.speak(
            voices.getFirst().id(), "Feed the starter twice a day.", "eleven_multilingual_v2", dir);

    assertThat(narration.file()).exists();
    assertThat(Files.readAllBytes(narration.file())).startsWith((byte) 0xFF, (byte) 0xFB);
    assertThat(narration.characterCost()).isEqualTo(29);

    assertThatThrownBy(
            () -> elevenLabs.speak("UnknownVoice1", "hello", "eleven_multilingual_v2", dir))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.NOT_FOUND));
  }

  @Test
  void configsAndErrorsNeverShowAKey() {
    assertThat(youtube.api().config().toString()).doesNotContain(SimulatorFixture.YOUTUBE_KEY);
    assertThat(youtube.api().toString()).doesNotContain(SimulatorFixture.YOUTUBE_KEY);
    ApiRequest request = ApiRequest.get("videos.list", "/videos", java.util.Map.of("id", "x"));
    assertThat(request.cacheKey(Provider.YOUTUBE)).doesNotContain("key=");
  }
}

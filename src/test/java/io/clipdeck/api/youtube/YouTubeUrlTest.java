package io.clipdeck.api.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class YouTubeUrlTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "  https://youtube.com/watch?feature=share&v=dQw4w9WgXcQ&t=42s ",
        "http://m.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RD",
        "https://youtu.be/dQw4w9WgXcQ?si=abc",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared",
        "HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ"
      })
  void everyKindOfVideoAddressGivesTheId(String typed) {
    assertThat(YouTubeUrl.parse(typed).videoId()).isEqualTo("dQw4w9WgXcQ");
    assertThat(YouTubeUrl.parse(typed).url()).isEqualTo(typed.strip());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"www.youtube.com/watch?v=dQw4w9WgXcQ", "youtu.be/dQw4w9WgXcQ", "dQw4w9WgXcQ"})
  void anAddressWithoutSchemeOrABareIdGivesTheCanonicalUrl(String typed) {
    YouTubeUrl url = YouTubeUrl.parse(typed);
    assertThat(url.videoId()).isEqualTo("dQw4w9WgXcQ");
    assertThat(url.url()).isEqualTo("https://www.youtube.com/watch?v=dQw4w9WgXcQ");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "\"\"|The URL is empty: paste one like",
        "ftp://www.youtube.com/watch?v=dQw4w9WgXcQ|is not a YouTube video link",
        "https://vimeo.com/123|is not a YouTube video link",
        "https://www.youtube.com/channel/UC123|is not a YouTube video link",
        "https://www.youtube.com/watch?list=PL1|a YouTube link without a video id",
        "https://youtu.be/short|'short' is not a YouTube video id",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ<script>|is not a YouTube video link"
      })
  void aBadAddressIsRefusedSayingWhatToPaste(String typed, String message) {
    assertThatThrownBy(() -> YouTubeUrl.parse(typed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message)
        .hasMessageContaining("https://youtu.be/dQw4w9WgXcQ");
  }
}

package io.clipdeck.api.youtube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The link forms YouTube serves (share buttons, embeds, the mobile and music sites, attribution
 * links, old player URLs), each with the id it carries, and links that carry none: channels,
 * playlists, search, path words of 11 characters, look-alike hosts. One row per link: {@code link |
 * id}, or {@code link | -} when no id may be read from it.
 */
class YouTubeLinkFormsTest {

  private static final String TABLE =
      """
      https://www.youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      http://www.youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      www.youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://m.youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      m.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be | dQw4w9WgXcQ
      https://music.youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://music.youtube.com/watch?v=dQw4w9WgXcQ&list=RDAMVMdQw4w9WgXcQ | dQw4w9WgXcQ
      https://music.youtube.com/watch?v=dQw4w9WgXcQ&si=Xk3mP0qLr9sT2uVw | dQw4w9WgXcQ
      https://gaming.youtube.com/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90 | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ#t=30 | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&start=10&end=20 | dQw4w9WgXcQ
      https://www.youtube.com/watch?time_continue=12&v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI&index=3 | dQw4w9WgXcQ
      https://www.youtube.com/watch?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI&v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=share | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=youtu.be | dQw4w9WgXcQ
      https://www.youtube.com/watch?feature=player_embedded&v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&feature=emb_logo | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&ab_channel=RickAstley | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&pp=ygUJcmljayByb2xs | dQw4w9WgXcQ
      https://www.youtube.com/watch?app=desktop&v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&si=Xk3mP0qLr9sT2uVw | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=dQw4w9WgXcQ&hl=en&gl=US | dQw4w9WgXcQ
      https://www.youtube.com/watch/?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      HTTPS://WWW.YOUTUBE.COM/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch?v=_OBlgSz8sSM | _OBlgSz8sSM
      https://www.youtube.com/watch?v=-wtIMTCHWuI | -wtIMTCHWuI
      https://www.youtube.com/watch?v=9bZkp7q19f0 | 9bZkp7q19f0
      https://www.youtube.com/watch?v=kJQP7kiw5Fk&list=RDkJQP7kiw5Fk | kJQP7kiw5Fk
      https://www.youtube.com/watch_popup?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch_popup?v=dQw4w9WgXcQ&vq=hd720 | dQw4w9WgXcQ
      https://www.youtube.com/?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/?feature=player_embedded&v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/watch#!v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/#/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/attribution_link?a=8g8kPrPIi-ecwIsS&u=%2Fwatch%3Fv%3DdQw4w9WgXcQ%26feature%3Dshare | dQw4w9WgXcQ
      https://www.youtube.com/attribution_link?u=%2Fwatch%3Fv%3DdQw4w9WgXcQ%26feature%3Dem-uploademail | dQw4w9WgXcQ
      http://www.youtube.com/attribution_link?a=JdfC0C9V6ZI&u=%2Fwatch%3Fv%3DEhxJLojIE_o%26feature%3Dshare | EhxJLojIE_o
      https://m.youtube.com/attribution_link?a=aB3dE5gH7jK9&u=%2Fwatch%3Fv%3DdQw4w9WgXcQ%26t%3D30s | dQw4w9WgXcQ
      https://www.youtube.com/attribution_link?a=x&u=/watch?v=dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/attribution_link?a=x&u=%2Fshorts%2FdQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/attribution_link?a=x&u=%2Fchannel%2FUCuAXFkgsw1L7xaCfnd5JJOw | -
      https://www.youtube.com/attribution_link?a=x | -
      https://youtu.be/dQw4w9WgXcQ | dQw4w9WgXcQ
      http://youtu.be/dQw4w9WgXcQ | dQw4w9WgXcQ
      youtu.be/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtu.be/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ?t=42 | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ?t=1m2s | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ?si=Xk3mP0qLr9sT2uVw | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ?si=Xk3mP0qLr9sT2uVw&t=5 | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ?feature=shared | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ/ | dQw4w9WgXcQ
      https://youtu.be/dQw4w9WgXcQ#t=10 | dQw4w9WgXcQ
      https://www.youtube.com/embed/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/embed/dQw4w9WgXcQ?start=10 | dQw4w9WgXcQ
      https://www.youtube.com/embed/dQw4w9WgXcQ?autoplay=1&mute=1&rel=0 | dQw4w9WgXcQ
      https://www.youtube.com/embed/dQw4w9WgXcQ?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI | dQw4w9WgXcQ
      https://www.youtube.com/embed/dQw4w9WgXcQ?si=Xk3mP0qLr9sT2uVw | dQw4w9WgXcQ
      https://youtube.com/embed/dQw4w9WgXcQ | dQw4w9WgXcQ
      //www.youtube.com/embed/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0 | dQw4w9WgXcQ
      https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?controls=0&start=30 | dQw4w9WgXcQ
      https://www.youtube-nocookie.com/v/dQw4w9WgXcQ?version=3 | dQw4w9WgXcQ
      https://www.youtube.com/shorts/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://youtube.com/shorts/dQw4w9WgXcQ?feature=share | dQw4w9WgXcQ
      https://youtube.com/shorts/dQw4w9WgXcQ?si=Xk3mP0qLr9sT2uVw | dQw4w9WgXcQ
      https://m.youtube.com/shorts/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/shorts/dQw4w9WgXcQ/ | dQw4w9WgXcQ
      https://www.youtube.com/live/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/live/dQw4w9WgXcQ?feature=shared | dQw4w9WgXcQ
      https://youtube.com/live/dQw4w9WgXcQ?si=Xk3mP0qLr9sT2uVw&t=120 | dQw4w9WgXcQ
      https://m.youtube.com/live/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/v/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/v/dQw4w9WgXcQ?version=3&autohide=1 | dQw4w9WgXcQ
      http://www.youtube.com/v/dQw4w9WgXcQ?fs=1&hl=en_US | dQw4w9WgXcQ
      https://youtube.googleapis.com/v/dQw4w9WgXcQ | dQw4w9WgXcQ
      https://www.youtube.com/e/dQw4w9WgXcQ | dQw4w9WgXcQ
      dQw4w9WgXcQ | dQw4w9WgXcQ
      _OBlgSz8sSM | _OBlgSz8sSM
      https://www.youtube.com/embed/videoseries?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI | -
      https://www.youtube-nocookie.com/embed/videoseries?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI | -
      https://www.youtube.com/embed/live_stream?channel=UCuAXFkgsw1L7xaCfnd5JJOw | -
      https://www.youtube.com/embed/ | -
      https://www.youtube.com/embed | -
      https://www.youtube.com/shorts/ | -
      https://www.youtube.com/live/ | -
      https://www.youtube.com/v/videoseries | -
      https://www.youtube.com/shorts/watch_popup | -
      https://youtu.be/watch_popup | -
      https://youtu.be/videoseries | -
      https://youtu.be/ | -
      https://youtu.be/short | -
      watch_popup | -
      videoseries | -
      live_stream | -
      https://www.youtube.com/watch?v=short | -
      https://www.youtube.com/watch?v=dQw4w9WgXcQQ | -
      https://www.youtube.com/watch?v= | -
      https://www.youtube.com/watch | -
      https://www.youtube.com/watch?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI | -
      https://www.youtube.com/watch_popup | -
      https://www.youtube.com/playlist?list=PLFgquLnL59alCl_2TQvOiD5Vgm1hCaGSI | -
      https://www.youtube.com/channel/UCuAXFkgsw1L7xaCfnd5JJOw | -
      https://www.youtube.com/c/RickAstleyYT | -
      https://www.youtube.com/user/RickAstleyVEVO | -
      https://www.youtube.com/@RickAstleyYT | -
      https://www.youtube.com/@RickAstleyYT/videos | -
      https://www.youtube.com/results?search_query=never+gonna+give+you+up | -
      https://www.youtube.com/feed/subscriptions | -
      https://www.youtube.com/hashtag/music | -
      https://www.youtube.com/ | -
      https://www.youtube.com | -
      https://music.youtube.com/playlist?list=OLAK5uy_kX3mP0qLr9sT2uVwXyZ | -
      https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ | -
      https://notyoutube.com/watch?v=dQw4w9WgXcQ | -
      https://youtu.be.example/dQw4w9WgXcQ | -
      https://vimeo.com/76979871 | -
      ftp://www.youtube.com/watch?v=dQw4w9WgXcQ | -
      javascript:alert(1) | -
      https://www.youtube.com/watch?v=dQw4w9WgXcQ<script> | -
      not a link | -
      """;

  static Stream<Arguments> rows() {
    return TABLE
        .lines()
        .filter(line -> !line.isBlank())
        .map(
            line -> {
              int bar = line.lastIndexOf(" | ");
              return Arguments.of(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
            });
  }

  @Test
  void theTableHasAtLeastAHundredRowsWithBothKinds() {
    List<String> expected = rows().map(row -> (String) row.get()[1]).toList();
    assertThat(expected).hasSizeGreaterThanOrEqualTo(100);
    assertThat(expected).contains("-").anyMatch(id -> !id.equals("-"));
    assertThat(rows().map(row -> row.get()[0]).distinct().count())
        .as("no row twice")
        .isEqualTo(expected.size());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("rows")
  void eachLinkGivesItsIdOrNone(String link, String expected) {
    if (expected.equals("-")) {
      assertThatThrownBy(() -> YouTubeUrl.parse(link))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("https://youtu.be/dQw4w9WgXcQ");
    } else {
      assertThat(YouTubeUrl.parse(link).videoId()).isEqualTo(expected);
    }
  }

  @Test
  void theReservedWordsOfElevenCharactersAreNoIds() {
    assertThat(
            Arrays.stream(new String[] {"videoseries", "live_stream", "watch_popup", "attribution"})
                .filter(word -> YouTubeUrl.videoIdIn(word).isPresent()))
        .isEmpty();
  }
}

package io.clipdeck.api.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HtmlTextTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "Feeding a starter &amp; keeping it alive|Feeding a starter & keeping it alive",
        "Don&#39;t skip this step|Don't skip this step",
        "The &quot;perfect&quot; loaf|The \"perfect\" loaf",
        "a &lt;b&gt; tag|a <b> tag",
        "caf&#xE9; &#x1F35E;|café 🍞",
        "typed &amp;lt; by the uploader|typed &lt; by the uploader",
        "AT&T and R&D;|AT&T and R&D;",
        "&unknown; &#; &#xZZ; &|&unknown; &#; &#xZZ; &",
        "`plain`|`plain`"
      })
  void entitiesAreReadBackOnce(String escaped, String text) {
    assertThat(HtmlText.unescape(escaped)).isEqualTo(text);
  }
}

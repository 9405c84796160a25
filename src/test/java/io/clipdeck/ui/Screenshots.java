package io.clipdeck.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** Writes what a scene shows to a PNG; works on a real display and on the headless platform. */
final class Screenshots {

  private Screenshots() {}

  /** The directory surefire names ({@code target/screenshots}), created if needed. */
  static Path directory() {
    Path dir = Path.of(System.getProperty("clipdeck.screenshots", "target/screenshots"));
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Call on the FX thread. */
  static Path save(Scene scene, String name) {
    WritableImage image = scene.snapshot(null);
    int width = (int) image.getWidth();
    int height = (int) image.getHeight();
    BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    PixelReader pixels = image.getPixelReader();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        png.setRGB(x, y, pixels.getArgb(x, y));
      }
    }
    Path file = directory().resolve(name + ".png");
    try {
      ImageIO.write(png, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write screenshot " + file, e);
    }
    return file;
  }
}

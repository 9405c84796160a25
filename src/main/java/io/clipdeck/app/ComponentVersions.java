package io.clipdeck.app;

import io.clipdeck.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/** The versions the About dialog lists: Clipdeck, the JVM, the database drivers, Flyway. */
public final class ComponentVersions {

  private ComponentVersions() {}

  /** Name to version, in the order shown; a component whose version cannot be read says so. */
  public static Map<String, String> all() {
    Map<String, String> versions = new LinkedHashMap<>();
    versions.put("Clipdeck", Version.current());
    versions.put(
        "Java",
        Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor") + ")");
    versions.put("PostgreSQL JDBC", manifest("org/postgresql/Driver.class"));
    versions.put("MySQL Connector/J", manifest("com/mysql/cj/jdbc/Driver.class"));
    versions.put("SQLite JDBC", artifact("org.xerial", "sqlite-jdbc"));
    versions.put("Flyway", artifact("org.flywaydb", "flyway-core"));
    versions.put("HikariCP", artifact("com.zaxxer", "HikariCP"));
    return versions;
  }

  /**
   * The version in the manifest of the jar holding {@code classFile}, for the jars built without
   * Maven's {@code pom.properties} (the PostgreSQL and MySQL drivers).
   */
  static String manifest(String classFile) {
    URL location = ComponentVersions.class.getClassLoader().getResource(classFile);
    if (location == null || !location.toString().startsWith("jar:")) {
      return "unknown";
    }
    String jar = location.toString().substring(0, location.toString().indexOf("!/") + 2);
    try (InputStream in = URI.create(jar + "META-INF/MANIFEST.MF").toURL().openStream()) {
      Attributes main = new Manifest(in).getMainAttributes();
      String version = main.getValue("Implementation-Version");
      version = version == null ? main.getValue("Bundle-Version") : version;
      return version == null ? "unknown" : version;
    } catch (IOException | IllegalArgumentException e) {
      return "unknown";
    }
  }

  /** The version Maven wrote into the jar ({@code META-INF/maven/.../pom.properties}). */
  static String artifact(String group, String artifact) {
    String resource = "META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (InputStream in = ComponentVersions.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }
}

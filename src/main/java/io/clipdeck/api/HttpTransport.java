package io.clipdeck.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One pooled {@link HttpClient} per provider (HTTP/2 where the server offers it). Adds the key at
 * the last moment and reads answers up to a size bound.
 */
final class HttpTransport implements AutoCloseable {

  private final ApiClientConfig config;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final HttpClient client;
  private final String base;

  /** One permit per open request: the bound on this client's connections. */
  private final java.util.concurrent.Semaphore connections;

  HttpTransport(ApiClientConfig config) {
    this.config = config;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .connectTimeout(config.connectTimeout())
            // The APIs do not redirect; following one could carry the key (YouTube's is in the
            // URL) to another host.
            .followRedirects(HttpClient.Redirect.NEVER)
            .executor(executor)
            .build();
    String uri = config.baseUri().toString();
    this.base = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    this.connections = new java.util.concurrent.Semaphore(config.maxConnections(), true);
  }

  ApiResponse send(ApiRequest request) throws IOException, InterruptedException {
    HttpRequest.Builder builder = HttpRequest.newBuilder().timeout(config.requestTimeout());
    String pathAndQuery = request.pathAndQuery();
    Optional<char[]> key = config.keySource().get();
    // HttpRequest only takes Strings: the key becomes one for the time it takes to build the
    // request, and the vault's copy is wiped at once.
    String keyText = key.map(String::new).orElse(null);
    key.ifPresent(chars -> Arrays.fill(chars, '\0'));
    String suffix =
        keyText == null
            ? ""
            : config.authentication().querySuffix(keyText, pathAndQuery.contains("?"));
    try {
      builder.uri(URI.create(base + pathAndQuery + suffix));
    } catch (IllegalArgumentException badUri) {
      // URI.create quotes the whole URL in its message, and YouTube's carries the key.
      throw new IllegalArgumentException(
          "the request " + request + " does not make a valid URL under " + config.baseUri());
    }
    if (keyText != null) {
      config.authentication().applyHeader(builder, keyText);
    }
    request.headers().forEach(builder::header);
    byte[] body = request.body();
    builder.method(
        request.method(),
        body.length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpRequest built = builder.build();
    connections.acquire();
    try {
      HttpResponse<InputStream> response =
          client.send(built, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = response.body()) {
        byte[] bytes = in.readNBytes(config.maxResponseBytes() + 1);
        if (bytes.length > config.maxResponseBytes()) {
          throw new OversizedBodyException(config.maxResponseBytes());
        }
        return new ApiResponse(response.statusCode(), response.headers().map(), bytes);
      }
    } finally {
      connections.release();
    }
  }

  HttpClient httpClient() {
    return client;
  }

  @Override
  public void close() {
    client.close();
    executor.close();
  }

  /** An answer bigger than the client accepts. */
  static final class OversizedBodyException extends IOException {
    private static final long serialVersionUID = 1L;

    OversizedBodyException(int limit) {
      super("the answer is larger than " + limit + " bytes");
    }
  }
}

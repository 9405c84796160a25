package io.clipdeck.api.stability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** A {@code multipart/form-data} body of text fields; java.net.http has no builder for it. */
record Multipart(String boundary, byte[] body) {

  static Multipart ofFields(Map<String, String> fields) {
    String boundary = "clipdeck-" + UUID.randomUUID();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    fields.forEach(
        (name, value) ->
            out.writeBytes(
                ("--"
                        + boundary
                        + "\r\nContent-Disposition: form-data; name=\""
                        + name
                        + "\"\r\n\r\n"
                        + value
                        + "\r\n")
                    .getBytes(StandardCharsets.UTF_8)));
    out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return new Multipart(boundary, out.toByteArray());
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Multipart that
        && boundary.equals(that.boundary)
        && java.util.Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return boundary.hashCode();
  }

  @Override
  public String toString() {
    return "multipart " + boundary + " (" + body.length + " bytes)";
  }
}

package io.clipdeck.api;

/**
 * Turns a successful answer into a typed result. Throwing {@link MalformedResponseException} marks
 * the answer unreadable: the call is retried like a server error.
 */
@FunctionalInterface
public interface ResponseDecoder<T> {

  T decode(ApiResponse response) throws MalformedResponseException;
}

package io.clipdeck.api;

/**
 * Turns a successful answer into a typed result. Throwing {@link MalformedResponseException} says
 * why the answer cannot be used; its kind decides whether another request may help (only an
 * unreadable body of a free read is retried).
 */
@FunctionalInterface
public interface ResponseDecoder<T> {

  T decode(ApiResponse response) throws MalformedResponseException;
}

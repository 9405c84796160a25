package io.clipdeck.api.batch;

import io.clipdeck.api.ApiException;

/** The outcome of one item of a batch: one item failing does not fail the others. */
public sealed interface BatchItem<K, V> {

  K key();

  record Succeeded<K, V>(K key, V value) implements BatchItem<K, V> {}

  record Failed<K, V>(K key, ApiException error) implements BatchItem<K, V> {}
}

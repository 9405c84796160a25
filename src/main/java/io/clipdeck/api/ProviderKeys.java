package io.clipdeck.api;

import io.clipdeck.secrets.SecretStore;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where a client's key comes from. Each call reads a fresh copy and wipes it after use, so the key
 * sits in memory only while a request is being built.
 */
public final class ProviderKeys {

  private ProviderKeys() {}

  /** A key kept in the vault under {@code ref} (e.g. {@code api/openai/key}). */
  public static Supplier<Optional<char[]>> fromVault(SecretStore store, String ref) {
    return () -> store.get(ref);
  }

  /** No key: a local OpenAI-compatible server (llama.cpp, Ollama, vLLM) or the simulator. */
  public static Supplier<Optional<char[]>> none() {
    return Optional::empty;
  }
}

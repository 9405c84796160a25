package io.clipdeck.app;

import io.clipdeck.api.Provider;
import java.net.URI;

/**
 * One provider as the console runs it, for listings: nothing secret in it.
 *
 * @param baseUri where its calls go (the simulator's address when simulated)
 * @param limits the client-side limits in words, e.g. "60/min, 1000/h"
 * @param keyRef where its key is kept in the secret store
 * @param keyStored whether a key is stored there
 * @param simulated whether the demo providers answer instead of the real one
 */
public record ProviderSetup(
    Provider provider,
    boolean enabled,
    URI baseUri,
    String model,
    String limits,
    String keyRef,
    boolean keyStored,
    boolean simulated) {}

package io.clipdeck.monitor;

import java.time.Instant;

/**
 * A threshold a database crossed: raised once when it crosses, kept until someone acknowledges it.
 *
 * @param kind what crossed: {@link AlertRules.Kind}
 * @param message the crossing in words, with its figure and the threshold
 */
public record Alert(String profile, AlertRules.Kind kind, String message, Instant raisedAt) {}

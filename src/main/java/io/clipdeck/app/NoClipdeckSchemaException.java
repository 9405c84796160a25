package io.clipdeck.app;

import java.io.Serial;

/**
 * The active profile's database does not have Clipdeck's schema yet: an expected state (a new or
 * foreign database, which the views offer to set up), not a fault.
 */
final class NoClipdeckSchemaException extends IllegalStateException {
  @Serial private static final long serialVersionUID = 1L;

  NoClipdeckSchemaException(String message) {
    super(message);
  }
}

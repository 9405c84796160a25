package io.clipdeck.data;

/** Sort direction: an enum, never a string spliced into SQL. */
public enum Direction {
  ASC,
  DESC
}

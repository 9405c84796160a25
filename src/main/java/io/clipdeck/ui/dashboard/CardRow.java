package io.clipdeck.ui.dashboard;

/**
 * A small card for another open profile or a failover group: its name, what it is, and its state in
 * one line each.
 *
 * @param up whether it answers (a group: whether it serves from a healthy member)
 * @param alerting whether it has an alert nobody acknowledged
 */
public record CardRow(
    String name, String kind, String state, String detail, boolean up, boolean alerting) {}

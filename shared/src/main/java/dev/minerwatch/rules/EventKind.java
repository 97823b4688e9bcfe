package dev.minerwatch.rules;

/** A rule starts holding ({@code FIRED}) or stops holding ({@code RESOLVED}). */
public enum EventKind {
    FIRED,
    RESOLVED
}

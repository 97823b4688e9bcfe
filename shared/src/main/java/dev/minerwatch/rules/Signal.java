package dev.minerwatch.rules;

/** What a rule reads in the data for one day, before its state is taken into account. */
public enum Signal {
    /** The firing condition holds. */
    FIRE,
    /** The resolving condition holds. */
    RESOLVE,
    /** Neither: the value is between threshold and re-arm level, or a confirmation is incomplete. */
    HOLD,
    /** The data needed is missing; the rule decides nothing. */
    NO_DATA
}

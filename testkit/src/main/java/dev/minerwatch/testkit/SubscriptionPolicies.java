package dev.minerwatch.testkit;

/**
 * The filter policies of template.yaml's email and SMS subscriptions at their parameters' defaults, for the tests that
 * prove them on the emulator (TemplateIT holds the template to the same shape).
 */
public final class SubscriptionPolicies {

    /** Every severity (EmailSeverities' default) and the digest; never a message for one target alone. */
    public static final String EMAIL = "{\"$or\": [{\"severity\": [\"critical\", \"warning\", \"info\"],"
            + " \"deliver_to\": [{\"exists\": false}]}, {\"kind\": [\"digest\"]}]}";

    /** Critical alerts (SmsSeverities' default), and an escalation to SMS whatever its severity. */
    public static final String SMS = "{\"$or\": [{\"severity\": [\"critical\"], \"deliver_to\": [{\"exists\": false}]},"
            + " {\"deliver_to\": [\"sms\"]}]}";

    private SubscriptionPolicies() {}
}

package dev.minerwatch.testkit;

/**
 * The filter policies of template.yaml's email and SMS subscriptions at their parameters' defaults, for the tests that
 * prove them on the emulator (TemplateIT holds the template to the same shape).
 */
public final class SubscriptionPolicies {

    /** Every severity (EmailSeverities' default) unless kept from email (skip_email), and the digest. */
    public static final String EMAIL = "{\"$or\": [{\"severity\": [\"critical\", \"warning\", \"info\"],"
            + " \"skip_email\": [{\"exists\": false}]}, {\"kind\": [\"digest\"]}]}";

    /** Critical alerts (SmsSeverities' default) unless kept from SMS (skip_sms), and what is for SMS alone. */
    public static final String SMS = "{\"$or\": [{\"severity\": [\"critical\"], \"skip_sms\": [{\"exists\": false}]},"
            + " {\"deliver_to\": [\"sms\"]}]}";

    private SubscriptionPolicies() {}
}

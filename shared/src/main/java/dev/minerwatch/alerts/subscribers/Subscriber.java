package dev.minerwatch.alerts.subscribers;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.rules.Severity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One email or phone subscribed to the alert topic, and what it gets: the alerts of some rules (all when {@code rules}
 * is empty) at {@code minimum} severity or above, unless it takes none ({@code alerts} false: the digest alone); the
 * daily digest (email only); and, for a phone, the escalations to SMS. Its {@linkplain #filterPolicy() filter policy}
 * is the one definition of that: the SNS subscription carries it, the template's email and SMS subscriptions have its
 * defaults' shape, and {@link #wants} answers the same locally.
 *
 * @param protocol the subscription's protocol
 * @param endpoint the address or the E.164 number
 * @param alerts   whether it gets alerts at all
 * @param rules    the rules whose alerts it gets; empty: every rule
 * @param minimum  the least severity of the alerts it gets
 * @param digest   whether it gets the daily digest (never for SMS)
 */
public record Subscriber(
        Protocol protocol, String endpoint, boolean alerts, Set<String> rules, Severity minimum, boolean digest) {

    /** How a subscriber is reached. */
    public enum Protocol {
        EMAIL,
        SMS;

        /** As SNS names it. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The protocol SNS names {@code id}; empty for any other (lambda, sqs, https). */
        public static java.util.Optional<Protocol> of(String id) {
            return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
        }
    }

    /** The rule id that names the daily digest among the rules ({@code --rules price_below_production_cost,digest}). */
    public static final String DIGEST = AlertMessage.DIGEST;

    /** A mailbox, loosely: one @, a dot in the domain, no space. SNS and the mail server judge the rest. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s.]+");

    /** E.164: +, a country code that does not start with 0, at most 15 digits in all. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    public Subscriber {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(minimum, "minimum");
        rules = Set.copyOf(rules);
        if (protocol == Protocol.EMAIL && !EMAIL.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("--email: '" + endpoint + "' is not an email address");
        }
        if (protocol == Protocol.SMS && !E164.matcher(endpoint).matches()) {
            throw new IllegalArgumentException("--sms: '" + endpoint + "' is not an E.164 number: + and the country"
                    + " code, then the number, digits only (such as +41791234567)");
        }
        if (protocol == Protocol.SMS && digest) {
            throw new IllegalArgumentException("--digest: SMS never gets the digest (one segment cannot hold it)");
        }
        if (!alerts && !digest) {
            throw new IllegalArgumentException("--no-digest: with --rules digest, it would get nothing");
        }
        if (rules.contains(DIGEST)) {
            throw new IllegalArgumentException("the digest is no rule: it is the subscriber's digest choice");
        }
    }

    /**
     * An email subscriber: the alerts of {@code rules} (empty: all; {@code digest} among them names the digest, and
     * {@code digest} alone means the digest alone) at {@code minimum} or above, and the digest unless {@code digest}
     * says otherwise (null: yes).
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static Subscriber email(String address, List<String> rules, Severity minimum, Boolean digest) {
        Set<String> ids = new TreeSet<>(rules);
        boolean namesDigest = ids.remove(DIGEST);
        boolean alerts = rules.isEmpty() || !ids.isEmpty();
        boolean wantsDigest = digest != null ? digest : true;
        if (namesDigest && Boolean.FALSE.equals(digest)) {
            throw new IllegalArgumentException("--rules names the digest, and --no-digest refuses it");
        }
        return new Subscriber(
                Protocol.EMAIL, address.strip(), alerts, ids, minimum == null ? Severity.INFO : minimum, wantsDigest);
    }

    /**
     * A phone: the alerts of {@code rules} (empty: all) at {@code minimum} or above (null: critical, as the template's
     * SMS subscription), and the escalations to SMS.
     *
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static Subscriber sms(String number, List<String> rules, Severity minimum) {
        if (rules.contains(DIGEST)) {
            throw new IllegalArgumentException("--rules: SMS never gets the digest (one segment cannot hold it)");
        }
        return new Subscriber(
                Protocol.SMS,
                number.strip(),
                true,
                new TreeSet<>(rules),
                minimum == null ? Severity.CRITICAL : minimum,
                false);
    }

    /** The severities it gets: {@link #minimum} and every one above, most severe first. */
    public List<String> severities() {
        return Arrays.stream(Severity.values())
                .filter(s -> s.compareTo(minimum) <= 0)
                .map(Severity::id)
                .toList();
    }

    /**
     * The SNS filter policy (on message attributes) of what it gets: the alerts of its severities and rules that are
     * not kept from it ({@code skip_<protocol>}: its quiet hours hold them, or they are for another target alone); the
     * digest ({@code kind=digest}); for SMS, what is for SMS alone ({@code deliver_to=sms}: an escalation).
     */
    public Map<String, Object> filterPolicy() {
        List<Map<String, Object>> any = new ArrayList<>();
        if (alerts) {
            Map<String, Object> alert = new LinkedHashMap<>();
            alert.put("severity", severities());
            if (!rules.isEmpty()) {
                alert.put("rule", List.copyOf(new TreeSet<>(rules)));
            }
            alert.put(AlertMessage.notFor(protocol.id()), List.of(Map.of("exists", false)));
            any.add(alert);
        }
        if (digest) {
            any.add(Map.of(AlertMessage.KIND, List.of(AlertMessage.DIGEST)));
        }
        if (protocol == Protocol.SMS) {
            any.add(Map.of(AlertMessage.DELIVER_TO, List.of(protocol.id())));
        }
        return any.size() == 1 ? any.get(0) : Map.of("$or", any);
    }

    /** Whether its filter policy lets {@code message} through, as SNS would judge it. */
    public boolean wants(AlertMessage message) {
        Map<String, String> attributes = message.attributes();
        if (protocol.id().equals(attributes.get(AlertMessage.DELIVER_TO)) && protocol == Protocol.SMS) {
            return true;
        }
        if (digest && AlertMessage.DIGEST.equals(attributes.get(AlertMessage.KIND))) {
            return true;
        }
        return alerts
                && severities().contains(attributes.get("severity"))
                && (rules.isEmpty() || rules.contains(attributes.get("rule")))
                && !attributes.containsKey(AlertMessage.notFor(protocol.id()));
    }

    /**
     * The endpoint as a list shows it, half hidden: {@code j***@example.com}, {@code +417***45}: enough to tell
     * subscribers apart, not to lift an address from a log.
     */
    public String masked() {
        if (protocol == Protocol.EMAIL) {
            int at = endpoint.indexOf('@');
            return endpoint.charAt(0) + "***" + endpoint.substring(at);
        }
        // The country code and a little more, the last two digits: never more than half the number shown.
        int shown = Math.min(5, endpoint.length() / 2 - 2);
        return endpoint.substring(0, shown) + "***" + endpoint.substring(endpoint.length() - 2);
    }

    /** What it gets, in words: {@code warning and critical alerts of price_below_production_cost; the digest}. */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (alerts) {
            String levels = minimum == Severity.INFO
                    ? "alerts of every severity"
                    : String.join(" and ", severities().reversed()) + " alerts";
            parts.add(levels + (rules.isEmpty() ? " of every rule" : " of " + String.join(", ", new TreeSet<>(rules))));
        }
        if (protocol == Protocol.SMS) {
            parts.add("escalations to SMS");
        }
        parts.add(digest ? "the digest" : "no digest");
        return String.join("; ", parts);
    }

    /**
     * The subscriber a filter policy of {@link #filterPolicy()}'s form describes: what {@code subscribers} reads back
     * from SNS. A policy of another form (written by hand, or none) is described as it is.
     *
     * @throws IllegalArgumentException when the policy is not of this form
     */
    public static Subscriber fromPolicy(Protocol protocol, String endpoint, Map<String, Object> policy) {
        List<Map<String, Object>> any = new ArrayList<>();
        if (policy.get("$or") instanceof List<?> alternatives) {
            for (Object alternative : alternatives) {
                if (!(alternative instanceof Map<?, ?> clause)) {
                    throw new IllegalArgumentException("not a minerwatch filter policy: " + policy);
                }
                Map<String, Object> fields = new LinkedHashMap<>();
                clause.forEach((k, v) -> fields.put(k.toString(), v));
                any.add(fields);
            }
        } else {
            any.add(policy);
        }
        boolean alerts = false;
        boolean digest = false;
        Set<String> rules = Set.of();
        // Without alerts the minimum means nothing: the one each protocol defaults to.
        Severity minimum = protocol == Protocol.SMS ? Severity.CRITICAL : Severity.INFO;
        for (Map<String, Object> clause : any) {
            if (clause.get("severity") instanceof List<?> severities && !severities.isEmpty()) {
                alerts = true;
                minimum = severities.stream()
                        .map(s -> Severity.valueOf(s.toString().toUpperCase(Locale.ROOT)))
                        .max(Enum::compareTo)
                        .orElse(Severity.CRITICAL);
                if (clause.get("rule") instanceof List<?> ids) {
                    rules = ids.stream().map(Object::toString).collect(Collectors.toSet());
                }
            } else if (clause.get(AlertMessage.KIND) instanceof List<?> kinds && kinds.contains(AlertMessage.DIGEST)) {
                digest = true;
            } else if (!clause.containsKey(AlertMessage.DELIVER_TO)) {
                throw new IllegalArgumentException("not a minerwatch filter policy: " + policy);
            }
        }
        return new Subscriber(protocol, endpoint, alerts, rules, minimum, digest);
    }
}

package dev.minerwatch.alerts.notify;

import dev.minerwatch.sources.http.Deadline;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A kind of channel, as the registry lists it: its name, the variables it reads, and how a channel is built from
 * their values. Each channel's package declares one ({@code Slack.TYPE}); what every channel shares (when it is set,
 * what it misses, its filter {@code <NAME>_RULES} and {@code <NAME>_MIN_SEVERITY}, its daily cap
 * {@code <NAME>_MAX_PER_DAY}, its quiet hours {@code <NAME>_QUIET_HOURS}, its secrets) is read here from
 * the declaration, so a channel writes none of it.
 *
 * @param name      the channel's name in reports and receipts ({@code slack}), lower case; upper case, the prefix
 *                  of its filter's variables ({@code SLACK_RULES})
 * @param variables the variables it reads: the required ones set it, all of them or none
 * @param factory   the channel, from its variables' values, once every required one has a value
 */
public record ChannelType(String name, List<Variable> variables, Factory factory) {

    /** The suffix of a channel's daily cap, after its name in upper case ({@code SLACK_MAX_PER_DAY}). */
    public static final String MAX_PER_DAY = "_MAX_PER_DAY";

    /** The suffix of a channel's quiet hours ({@code SLACK_QUIET_HOURS}, {@link QuietHours}). */
    public static final String QUIET_HOURS = "_QUIET_HOURS";

    /** The suffix of whether a critical alert waits out the quiet hours too ({@code SLACK_QUIET_HOURS_CRITICAL=hold}). */
    public static final String QUIET_HOURS_CRITICAL = "_QUIET_HOURS_CRITICAL";

    /**
     * One variable a channel reads.
     *
     * @param name     the environment variable ({@code SLACK_WEBHOOK_URL})
     * @param required whether the channel needs it: setting any required variable sets the channel
     * @param secret   whether its value is a secret: never echoed; in AWS it comes from the SSM SecureString that
     *                 {@code <NAME>_PARAMETER} names, read by the forwarder on its first message
     * @param check    how a value is checked whether its channel is set or not (a test server's base URL), so a
     *                 mistake shows when a function starts; it throws {@link IllegalArgumentException} naming the
     *                 variable. Most variables need none: the factory checks them
     */
    public record Variable(String name, boolean required, boolean secret, Consumer<String> check) {

        private static final Consumer<String> ANY = value -> {};

        public Variable {
            if (!name.matches("[A-Z][A-Z0-9_]*")) {
                throw new IllegalArgumentException("'" + name + "' is not an environment variable's name");
            }
        }

        /** A variable the channel needs. */
        public static Variable required(String name) {
            return new Variable(name, true, false, ANY);
        }

        /** A variable the channel can do without. */
        public static Variable optional(String name) {
            return new Variable(name, false, false, ANY);
        }

        /** A secret the channel needs. */
        public static Variable requiredSecret(String name) {
            return new Variable(name, true, true, ANY);
        }

        /** A secret the channel can do without. */
        public static Variable optionalSecret(String name) {
            return new Variable(name, false, true, ANY);
        }

        /** This variable, its value checked by {@code check} whether its channel is set or not. */
        public Variable checkedBy(Consumer<String> check) {
            return new Variable(name, required, secret, check);
        }

        /** The SSM parameter's name variable of a secret: {@code <NAME>_PARAMETER}. */
        public String parameter() {
            return name + "_PARAMETER";
        }
    }

    /** Builds a channel of a type. */
    @FunctionalInterface
    public interface Factory {
        /**
         * The channel {@code variables} configure; they hold a value for each required variable.
         *
         * @param variables each variable's value, empty when unset or blank
         * @param post      the HTTP post every channel shares
         * @throws IllegalArgumentException naming the variable that is wrong, never a secret's value
         */
        Channel create(Function<String, Optional<String>> variables, Post post);
    }

    /** How a channel posts: one POST, whose answer is the message's {@link Notifier.Publication}. */
    @FunctionalInterface
    public interface Post {

        /** The header that makes a body a form ({@link #form}) rather than JSON. */
        Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

        /**
         * Posts {@code body} (JSON, unless {@code headers} give another {@code Content-Type}, such as {@link #FORM}) to
         * {@code uri} with {@code headers}, for the channel named {@code channel}, done by {@code deadline} whatever
         * the channel does (hangs, trickles, asks to wait).
         */
        Notifier.Publication post(String channel, URI uri, String body, Map<String, String> headers, Deadline deadline);

        /**
         * The HTTP post every channel shares, over the providers' HTTP stack ({@link ChannelPost}: bounded attempts,
         * no redirects, no URL in an error).
         */
        static Post overHttp() {
            return new ChannelPost();
        }

        /** {@code fields} as an {@code application/x-www-form-urlencoded} body, in their order, UTF-8. */
        static String form(Map<String, String> fields) {
            return fields.entrySet().stream()
                    .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                            + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
        }
    }

    public ChannelType {
        if (!name.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("a channel's name is lower-case letters and digits: '" + name + "'");
        }
        variables = List.copyOf(variables);
        if (variables.stream().noneMatch(Variable::required)) {
            throw new IllegalArgumentException("channel " + name + " needs a required variable, which sets it");
        }
        if (variables.stream().map(Variable::name).distinct().count() != variables.size()) {
            throw new IllegalArgumentException("channel " + name + " lists a variable twice");
        }
    }

    /** Its name as a sentence starts it: {@code Telegram}. */
    public String title() {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }

    /** The variables holding a secret, which in AWS each name an SSM parameter ({@code <NAME>_PARAMETER}). */
    public List<String> secrets() {
        return variables.stream().filter(Variable::secret).map(Variable::name).toList();
    }

    /** What sets it, for a person: {@code TELEGRAM_BOT_TOKEN with TELEGRAM_CHAT_ID}. */
    public String requirement() {
        return String.join(" with ", required());
    }

    private List<String> required() {
        return variables.stream().filter(Variable::required).map(Variable::name).toList();
    }

    /**
     * The problem of its filter ({@code <NAME>_RULES}, {@code <NAME>_MIN_SEVERITY}), if any: checked whether the
     * channel is set or not, as the forwarder reads a channel's secret only when the first message comes and a
     * mistake should show when it starts.
     */
    public Optional<String> filterProblem(Function<String, Optional<String>> variables) {
        try {
            filter(variables);
            maxPerDay(variables);
            quietHours(variables);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The channel {@code variables} configure, with its filter, adding each problem to {@code problems} (never a
     * secret's value). Empty when no required variable is set; when one is missing (a problem); when a secret is
     * named only as an SSM parameter ({@code <NAME>_PARAMETER}), which counts as set but is read by the forwarder,
     * not here; or when the factory refuses a value (a problem). The values set are checked in every case.
     *
     * @param post the shared post, asked for only when a channel is built
     */
    public Optional<Channel> configure(
            Function<String, Optional<String>> variables, Supplier<Post> post, List<String> problems) {
        for (Variable variable : this.variables) {
            variables.apply(variable.name()).ifPresent(value -> {
                try {
                    variable.check().accept(value);
                } catch (IllegalArgumentException e) {
                    problems.add(e.getMessage());
                }
            });
        }
        List<Variable> required =
                this.variables.stream().filter(Variable::required).toList();
        List<Variable> named = required.stream()
                .filter(v -> variables.apply(v.name()).isPresent()
                        || (v.secret() && variables.apply(v.parameter()).isPresent()))
                .toList();
        if (named.isEmpty()) {
            return Optional.empty();
        }
        if (named.size() < required.size()) {
            problems.add(title() + " needs " + (required.size() == 2 ? "both " : "all of ") + listed(required()));
            return Optional.empty();
        }
        if (required.stream().anyMatch(v -> variables.apply(v.name()).isEmpty())) {
            return Optional.empty();
        }
        try {
            Channel channel = factory.create(variables, post.get());
            if (!channel.name().equals(name)) {
                throw new IllegalStateException("channel type " + name + " built a channel named " + channel.name());
            }
            Channel filtered = channel.filtered(filter(variables));
            OptionalInt max = maxPerDay(variables);
            Channel capped = max.isPresent() ? filtered.capped(max.getAsInt()) : filtered;
            return Optional.of(quietHours(variables).map(capped::quiet).orElse(capped));
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code <NAME>_RULES} and {@code <NAME>_MIN_SEVERITY}: which messages the channel wants. */
    private ChannelFilter filter(Function<String, Optional<String>> variables) {
        String prefix = name.toUpperCase(Locale.ROOT);
        return ChannelFilter.parse(
                prefix,
                variables.apply(prefix + "_RULES").orElse(null),
                variables.apply(prefix + "_MIN_SEVERITY").orElse(null));
    }

    /**
     * {@code <NAME>_MAX_PER_DAY}: the most alerts the channel takes a UTC day; empty when unset or blank.
     *
     * @throws IllegalArgumentException for a value that is not a whole number above 0, naming the variable
     */
    private OptionalInt maxPerDay(Function<String, Optional<String>> variables) {
        String variable = name.toUpperCase(Locale.ROOT) + MAX_PER_DAY;
        Optional<String> value = variables.apply(variable).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            int max = Integer.parseInt(value.get().strip());
            if (max > 0) {
                return OptionalInt.of(max);
            }
        } catch (NumberFormatException notAWholeNumber) {
            // said below
        }
        throw new IllegalArgumentException(variable + " is '" + value.get()
                + "'; it must be a whole number above 0 (the most alerts the channel takes a UTC day)");
    }

    /** {@code <NAME>_QUIET_HOURS} with {@code <NAME>_QUIET_HOURS_CRITICAL}: when the channel holds alerts back. */
    private Optional<QuietHours> quietHours(Function<String, Optional<String>> variables) {
        return QuietHours.of(name.toUpperCase(Locale.ROOT), variables);
    }

    /** {@code A and B}, {@code A, B and C}. */
    private static String listed(List<String> names) {
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    /**
     * The value of a variable the factory is given (a required one always has one).
     *
     * @throws IllegalArgumentException naming it, when it has none
     */
    public static String value(Function<String, Optional<String>> variables, String name) {
        return variables.apply(name).orElseThrow(() -> new IllegalArgumentException(name + " is not set"));
    }

    /**
     * A channel URL, which must be HTTPS except on this machine (a test's server); never echoed: it is a secret.
     *
     * @throws IllegalArgumentException naming {@code variable}
     */
    public static URI httpsUrl(String variable, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(variable + " is not a URL");
        }
        boolean local = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && local)) {
            throw new IllegalArgumentException(variable + " must be an https:// URL");
        }
        return uri;
    }

    /**
     * A service's base URL (a test server stands in for it), without a trailing slash: an absolute http(s) URL. Not a
     * secret: a wrong one is echoed.
     *
     * @throws IllegalArgumentException naming {@code variable} and the value
     */
    public static URI baseUrl(String variable, String value) {
        String raw = value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
        URI uri;
        try {
            uri = URI.create(raw);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException(variable + "='" + raw + "' is not an absolute http(s) URL");
        }
        return uri;
    }

    @Override
    public String toString() {
        return name + " " + variables.stream().map(Variable::name).toList();
    }
}

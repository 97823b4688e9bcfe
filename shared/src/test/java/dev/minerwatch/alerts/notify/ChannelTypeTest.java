package dev.minerwatch.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.minerwatch.alerts.message.AlertMessage;
import dev.minerwatch.alerts.notify.ChannelType.Variable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** What every channel gets from its declaration: when it is set, what it misses, its filter, its secrets. */
class ChannelTypeTest {

    /** A channel of three required variables, one of them secret, and a checked optional one. */
    private static final ChannelType PAGER = new ChannelType(
            "pager",
            List.of(
                    Variable.requiredSecret("PAGER_TOKEN"),
                    Variable.required("PAGER_ROOM"),
                    Variable.required("PAGER_TEAM"),
                    Variable.optional("PAGER_REGION").checkedBy(region -> {
                        if (!region.equals("eu") && !region.equals("us")) {
                            throw new IllegalArgumentException("PAGER_REGION='" + region + "' is neither eu nor us");
                        }
                    })),
            (variables, post) -> {
                if (ChannelType.value(variables, "PAGER_ROOM").contains(" ")) {
                    throw new IllegalArgumentException("PAGER_ROOM has a space");
                }
                return new Named("pager");
            });

    private final Map<String, String> env = new HashMap<>();
    private final List<String> problems = new ArrayList<>();
    private final AtomicInteger posts = new AtomicInteger();
    private final Supplier<ChannelType.Post> post = () -> {
        posts.incrementAndGet();
        return null;
    };

    private Function<String, Optional<String>> variables() {
        return name -> Optional.ofNullable(env.get(name));
    }

    private Optional<Channel> configure(ChannelType type) {
        return type.configure(variables(), post, problems);
    }

    /** A channel that only has a name. */
    private record Named(String name) implements Channel {
        @Override
        public Publication publish(AlertMessage message, dev.minerwatch.sources.http.Deadline deadline) {
            return Publication.accepted(name);
        }
    }

    @Test
    void unsetItIsNoChannelNoProblemAndNoPost() {
        assertThat(configure(PAGER)).isEmpty();
        assertThat(problems).isEmpty();
        assertThat(posts).hasValue(0);
    }

    @Test
    void setInPartItNamesEveryRequiredVariable() {
        env.put("PAGER_ROOM", "ops");

        assertThat(configure(PAGER)).isEmpty();
        assertThat(problems).containsExactly("Pager needs all of PAGER_TOKEN, PAGER_ROOM and PAGER_TEAM");
    }

    @Test
    void aSecretNamedAsAnSsmParameterCountsAsSetButTheChannelIsBuiltOnlyOnceItIsRead() {
        env.put("PAGER_TOKEN_PARAMETER", "/minerwatch/pager-token");
        env.put("PAGER_ROOM", "ops");
        env.put("PAGER_TEAM", "miners");

        assertThat(configure(PAGER)).isEmpty();
        assertThat(problems).isEmpty();

        env.put("PAGER_TOKEN", "t0ken");
        assertThat(configure(PAGER))
                .hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("pager"));
        assertThat(problems).isEmpty();
        assertThat(posts).hasValue(1);
    }

    @Test
    void theFactorysRefusalAndAVariablesCheckAreProblemsAndTheCheckRunsWhetherTheChannelIsSetOrNot() {
        env.put("PAGER_REGION", "mars");
        assertThat(configure(PAGER)).isEmpty();
        assertThat(problems).containsExactly("PAGER_REGION='mars' is neither eu nor us");

        problems.clear();
        env.putAll(Map.of("PAGER_TOKEN", "t0ken", "PAGER_ROOM", "ops room", "PAGER_TEAM", "miners"));
        assertThat(configure(PAGER)).isEmpty();
        assertThat(problems).containsExactly("PAGER_REGION='mars' is neither eu nor us", "PAGER_ROOM has a space");
    }

    @Test
    void itsFilterIsNamedAfterItAndAppliedToItsChannel() {
        env.put("PAGER_MIN_SEVERITY", "loud");
        assertThat(PAGER.filterProblem(variables()))
                .contains("PAGER_MIN_SEVERITY is 'loud'; it must be info, warning or critical");

        env.put("PAGER_MIN_SEVERITY", "critical");
        env.putAll(Map.of("PAGER_TOKEN", "t0ken", "PAGER_ROOM", "ops", "PAGER_TEAM", "miners"));
        assertThat(PAGER.filterProblem(variables())).isEmpty();
        assertThat(configure(PAGER))
                .hasValueSatisfying(c -> assertThat(c.toString()).isEqualTo("pager (all rules, critical and above)"));
    }

    @Test
    void itsDeclarationSaysItsSecretsAndWhatSetsIt() {
        assertThat(PAGER.secrets()).containsExactly("PAGER_TOKEN");
        assertThat(PAGER.requirement()).isEqualTo("PAGER_TOKEN with PAGER_ROOM with PAGER_TEAM");
        assertThat(PAGER.title()).isEqualTo("Pager");
        assertThat(Variable.requiredSecret("PAGER_TOKEN").parameter()).isEqualTo("PAGER_TOKEN_PARAMETER");
    }

    @Test
    void aDeclarationIsCheckedWhenItIsMade() {
        ChannelType.Factory none = (variables, post) -> new Named("x");
        assertThatThrownBy(() -> new ChannelType("Pager", List.of(Variable.required("A_B")), none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ChannelType("pager", List.of(Variable.optional("A_B")), none))
                .hasMessageContaining("needs a required variable");
        assertThatThrownBy(
                        () -> new ChannelType("pager", List.of(Variable.required("A"), Variable.required("A")), none))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> Variable.required("lower_case")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChannelMustCarryItsTypesNameForItsReceipts() {
        ChannelType misnamed =
                new ChannelType("pager", List.of(Variable.required("PAGER_ROOM")), (v, p) -> new Named("x"));
        env.put("PAGER_ROOM", "ops");

        assertThatThrownBy(() -> configure(misnamed))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("channel type pager built a channel named x");
    }
}

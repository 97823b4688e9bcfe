package dev.minerwatch.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The layout's rules, over the main classes of every module (the CLI's class path carries them all): the domain and
 * its ports know no AWS SDK, JDBC, Lambda or CLI type; adapters sit apart; handlers are thin; nothing that runs
 * depends on a test library.
 */
@AnalyzeClasses(packages = "dev.minerwatch", importOptions = ArchitectureTest.MainClassesOnly.class)
class ArchitectureTest {

    /** The classes that run: no test classes, no test-jar, and not the testkit, which is only ever a test dependency. */
    static final class MainClassesOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return new DoNotIncludeTests().includes(location)
                    && !location.contains("-tests.jar")
                    && !location.contains("/testkit/target/")
                    && !location.contains("minerwatch-testkit");
        }
    }

    /**
     * The wings of the shared module, in the pipeline's order: data, then collection, then the decision, then
     * delivery, then the adapters and the composition root. A wing may use the wings before it, never one after it.
     */
    static final List<String> WINGS = List.of(
            "dev.minerwatch.json..",
            "dev.minerwatch.config..",
            "dev.minerwatch.series..",
            "dev.minerwatch.economics..",
            "dev.minerwatch.sources..",
            "dev.minerwatch.rules..",
            "dev.minerwatch.store..",
            "dev.minerwatch.collect..",
            "dev.minerwatch.alerts..",
            "dev.minerwatch.site..",
            "dev.minerwatch.aws..",
            "dev.minerwatch.app..");

    /** The channels' packages: one per channel, under the channel contract of {@code alerts.notify}. */
    static final String CHANNELS = "dev.minerwatch.alerts.notify.*..";

    /** Inside a wing, the same: each sub-package may use those before it. */
    static final List<List<String>> ROOMS = List.of(
            List.of("dev.minerwatch.series.calendar", "dev.minerwatch.series", "dev.minerwatch.series.history"),
            List.of("dev.minerwatch.sources.http", "dev.minerwatch.sources"),
            List.of(
                    "dev.minerwatch.alerts.message",
                    "dev.minerwatch.alerts.notify",
                    // Each channel's own package (webhook, slack, discord, telegram), over the channel contract.
                    CHANNELS,
                    // The registry: the one list of the channel types.
                    "dev.minerwatch.alerts.channels",
                    "dev.minerwatch.alerts",
                    "dev.minerwatch.alerts.digest",
                    "dev.minerwatch.alerts.subscribers"),
            List.of("dev.minerwatch.aws", "dev.minerwatch.aws.dynamodb"));

    /** The domain: what minerwatch is about, and the ports it stores through. */
    static final String[] DOMAIN = {
        "dev.minerwatch.json..",
        "dev.minerwatch.series..",
        "dev.minerwatch.economics..",
        "dev.minerwatch.sources..",
        "dev.minerwatch.rules..",
        "dev.minerwatch.store..",
        "dev.minerwatch.collect..",
        "dev.minerwatch.alerts..",
        "dev.minerwatch.site..",
        "dev.minerwatch.backtest..",
        "dev.minerwatch.csv.."
    };

    /** The domain wings that read no environment: they are given their values. */
    static final String[] GIVEN_THEIR_CONFIGURATION = {
        "dev.minerwatch.series..",
        "dev.minerwatch.economics..",
        "dev.minerwatch.sources..",
        "dev.minerwatch.rules..",
        "dev.minerwatch.store.."
    };

    @ArchTest
    static final ArchRule noImportRunsBackUpTheWings = oneWay();

    @ArchTest
    static final ArchRule eachChannelStandsAlone = slices().matching("dev.minerwatch.alerts.notify.(*)..")
            .should()
            .notDependOnEachOther()
            .because("a channel is its own package over the channel contract, registered in one line: what channels "
                    + "share belongs to alerts.notify");

    @ArchTest
    static final ArchRule theDomainReadsNoEnvironment = noClasses()
            .that()
            .resideInAnyPackage(GIVEN_THEIR_CONFIGURATION)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.minerwatch.config..")
            .because("the composition root reads the environment and hands each wing its values");

    /** The wings, and the rooms inside each, used one way only. */
    private static ArchRule oneWay() {
        List<ArchRule> rules = new ArrayList<>(backwards(WINGS));
        ROOMS.forEach(room -> rules.addAll(backwards(room)));
        CompositeArchRule all = CompositeArchRule.of(rules.get(0));
        for (ArchRule rule : rules.subList(1, rules.size())) {
            all = all.and(rule);
        }
        return all.because("the pipeline runs one way: data, collection, decision, delivery, adapters, composition");
    }

    /** One rule per pair: nothing in a package depends on a package after it in {@code order}. */
    private static List<ArchRule> backwards(List<String> order) {
        List<ArchRule> rules = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            for (int j = i + 1; j < order.size(); j++) {
                rules.add(noClasses()
                        .that()
                        .resideInAPackage(order.get(i))
                        .should()
                        .dependOnClassesThat()
                        .resideInAPackage(order.get(j))
                        .allowEmptyShould(true));
            }
        }
        return rules;
    }

    @ArchTest
    static final ArchRule theDomainAndItsPortsCarryNoSdkJdbcOrLambdaType = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            // The SDK's BackoffStrategy (retries-spi) excepted: a pure computation of delays, with no AWS in it,
            // which the providers' HTTP client uses rather than a backoff of its own.
            .dependOnClassesThat(resideInAnyPackage(
                            "software.amazon..", "com.amazonaws..", "java.sql..", "org.sqlite..", "org.crac..")
                    .and(not(resideInAPackage("software.amazon.awssdk.retries.api"))))
            .because("domain code talks to ports; adapters translate to DynamoDB, SNS and SQLite");

    @ArchTest
    static final ArchRule theDomainKnowsNoAdapterAndNoEntryPoint = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.minerwatch.aws..",
                    "dev.minerwatch.sqlite..",
                    "dev.minerwatch.app..",
                    "dev.minerwatch.functions..",
                    "dev.minerwatch.priming..",
                    "dev.minerwatch.cli..",
                    "dev.minerwatch.localaws..",
                    "picocli..")
            .because("the composition root (dev.minerwatch.app) wires adapters to the domain, not the other way round");

    @ArchTest
    static final ArchRule onlyTheCliKnowsSqlite = noClasses()
            .that()
            .resideOutsideOfPackages("dev.minerwatch.sqlite..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("java.sql..", "org.sqlite..", "dev.minerwatch.sqlite..")
            .because("the SQLite store is found through ServiceLoader on the CLI's class path and never reaches the "
                    + "Lambda artifact");

    @ArchTest
    static final ArchRule handlersAreThin = noClasses()
            .that()
            .resideInAPackage("dev.minerwatch.functions..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.minerwatch.aws..", "software.amazon.awssdk..", "dev.minerwatch.store..")
            .because("a handler parses its event, calls the domain through the composition root, and returns");

    @ArchTest
    static final ArchRule awsAdaptersStayOutOfTheCliAndTheLocalStandIns = noClasses()
            .that()
            .resideInAnyPackage("dev.minerwatch.sqlite..", "dev.minerwatch.localaws..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.minerwatch.aws..")
            .because("each adapter stands alone behind the port");

    @ArchTest
    static final ArchRule nothingReachesTheSdkPartsTheLambdaArtifactLeavesOut = noClasses()
            .should()
            .callMethod(software.amazon.awssdk.regions.Region.class, "metadata")
            .orShould()
            .callMethodWhere(target(name("serviceMetadata")))
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon.awssdk.regions.servicemetadata..",
                    "software.amazon.awssdk.services.dynamodb.streams..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("software.amazon.awssdk.regions.ServiceMetadata")
            .because("the Lambda artifact leaves the SDK's service metadata and the DynamoDB Streams client out"
                    + " (docs/decisions.md, ArtifactIT)");

    @ArchTest
    static final ArchRule nothingThatRunsDependsOnATestLibrary = noClasses()
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.junit..",
                    "org.testcontainers..",
                    "com.github.tomakehurst.wiremock..",
                    "org.assertj..",
                    "dev.minerwatch.testkit..")
            .because("test-only libraries are never on a runtime class path");

    /**
     * The most of {@code shared/}'s top-level main classes that may be public: those another package needs, the wings'
     * use cases and value types (docs/architecture.md, "Visibility"). Lowered as each wing closes; the goal is a third
     * of them ({@link #sharedClassesMostlyStayInsideTheirPackage}).
     */
    // + 3 (issue 35): the store's port SubscriberRecords, the subscriber and its port Subscribers (the store adapter
    // stays package-private behind Subscribers.inStore).
    static final int MOST_PUBLIC_SHARED_CLASSES = 64;

    @ArchTest
    static void sharedClassesMostlyStayInsideTheirPackage(JavaClasses classes) {
        List<JavaClass> shared = sharedTopLevelClasses(classes);
        List<String> exported = shared.stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .map(JavaClass::getName)
                .sorted()
                .collect(Collectors.toList());
        assertThat(shared).as("shared/'s top-level main classes").hasSizeGreaterThan(100);
        assertThat(exported)
                .as("shared/'s public top-level classes, of " + shared.size()
                        + " (a class is package-private unless another package needs it)")
                .hasSizeLessThanOrEqualTo(MOST_PUBLIC_SHARED_CLASSES);
    }

    /** Public is for what another package uses: a class (or a type nested in it) that none uses is package-private. */
    @ArchTest
    static void aSharedClassIsPublicOnlyWhenAnotherPackageUsesIt(JavaClasses classes) {
        List<String> publicForNothing = sharedTopLevelClasses(classes).stream()
                .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> classes.stream()
                        .filter(used -> used.equals(c) || used.getName().startsWith(c.getName() + "$"))
                        .flatMap(used -> used.getDirectDependenciesToSelf().stream())
                        .noneMatch(use -> !use.getOriginClass().getPackageName().equals(c.getPackageName())))
                .map(JavaClass::getName)
                .sorted()
                .toList();

        assertThat(publicForNothing)
                .as("public classes of shared/ that no class of another package uses")
                .isEmpty();
    }

    private static List<JavaClass> sharedTopLevelClasses(JavaClasses classes) {
        return classes.stream()
                .filter(JavaClass::isTopLevelClass)
                .filter(c -> WINGS.stream()
                        .anyMatch(wing -> c.getPackageName().equals(wing.replace("..", ""))
                                || c.getPackageName().startsWith(wing.replace("..", "."))))
                .filter(c -> !c.getSimpleName().equals("package-info"))
                .toList();
    }
}

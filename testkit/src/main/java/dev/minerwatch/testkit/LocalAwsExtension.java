package dev.minerwatch.testkit;

import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link LocalAws} parameter. The emulator starts once per test run, is shared by every test class,
 * and stops when the run ends (JUnit closes it with the root store). Without an emulator a test that asks for one
 * is skipped, saying how to get one; under {@code -Dminerwatch.require-emulator=true} (CI) it fails instead, so a
 * build cannot pass by skipping.
 *
 * <pre>
 * &#64;ExtendWith(LocalAwsExtension.class)
 * class DynamoDbStoreIT {
 *     &#64;Test void storesOnePointPerDay(LocalAws aws) { ... aws.environment() ... }
 * }
 * </pre>
 */
public final class LocalAwsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(LocalAwsExtension.class);

    /** The running emulator, or none: started at most once per run. */
    private record Started(Optional<LocalAws> aws) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (aws.isPresent()) {
                aws.get().close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return require(context);
    }

    /** The run's emulator, started on first use; skips (or, in CI, fails) the calling test when there is none. */
    public static LocalAws require(ExtensionContext context) {
        Started started = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        Started.class,
                        key -> {
                            Optional<LocalAws> aws = LocalAws.start();
                            System.err.println("[local-aws] "
                                    + aws.map(LocalAws::description).orElse(LocalAws.HOW_TO_GET_ONE));
                            return new Started(aws);
                        },
                        Started.class);
        if (started.aws().isEmpty()) {
            if (Boolean.getBoolean(LocalAws.REQUIRE_EMULATOR_PROPERTY)) {
                Assertions.fail(LocalAws.HOW_TO_GET_ONE + ", and -D" + LocalAws.REQUIRE_EMULATOR_PROPERTY + "=true");
            }
            Assumptions.abort(LocalAws.HOW_TO_GET_ONE);
        }
        return started.aws().get();
    }
}

package dev.minerwatch.localaws;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link LocalAws} parameter. The stack starts once per test run, is shared by every test
 * class, and stops when the run ends (JUnit closes it with the root store).
 *
 * <pre>
 * &#64;ExtendWith(LocalAwsExtension.class)
 * class PointStoreIT {
 *     &#64;Test void storesOnePointPerDay(LocalAws aws) { ... aws.environment() ... }
 * }
 * </pre>
 */
public final class LocalAwsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalAwsExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalAws.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context)
            throws ParameterResolutionException {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(LocalAws.class, key -> {
            LocalAws aws = LocalAws.start();
            System.err.println("[local-aws] " + aws.description());
            return aws;
        }, LocalAws.class);
    }
}

package software.amazon.awssdk.regions;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SnsServiceMetadata;

class LazyMetadataProvidersTest {

    private static final String OTHER_SERVICE = "software.amazon.awssdk.regions.servicemetadata.AccessAnalyzerServiceMetadata";
    private static final String OTHER_REGION = "software.amazon.awssdk.regions.regionmetadata.EuWest1";

    @Test
    void theServicesTheFunctionsCallHaveTheSdksOwnMetadata() {
        assertThat(ServiceMetadata.of("dynamodb")).isInstanceOf(DynamodbServiceMetadata.class);
        assertThat(ServiceMetadata.of("sns")).isInstanceOf(SnsServiceMetadata.class);
        assertThat(ServiceMetadata.of("dynamodb").signingRegion(Region.EU_CENTRAL_1)).isEqualTo(Region.EU_CENTRAL_1);
    }

    @Test
    void anyOtherServiceSignsInTheClientsRegion() {
        assertThat(ServiceMetadata.of("sqs")).isInstanceOf(DefaultServiceMetadata.class);
        assertThat(ServiceMetadata.of("sqs").signingRegion(Region.US_WEST_2)).isEqualTo(Region.US_WEST_2);
    }

    @Test
    void everyRegionTheSdkKnowsHasItsMetadata() {
        assertThat(Region.regions()).hasSizeGreaterThan(30);
        for (Region region : Region.regions()) {
            assertThat(RegionMetadata.of(region)).as(region.id()).isNotNull()
                    .extracting(RegionMetadata::id).isEqualTo(region.id());
        }
    }

    @Test
    void anUnknownRegionHasNoMetadataAsWithTheSdksProvider() {
        assertThat(RegionMetadata.of(Region.of("xx-nowhere-9"))).isNull();
    }

    @Test
    void resolvingOneServiceLoadsNoOtherServiceOrRegion() throws Exception {
        try (IsolatedLoader lazy = new IsolatedLoader(classPath(true))) {
            lazy.serviceMetadata("dynamodb");
            assertThat(lazy.loaded(OTHER_SERVICE)).isFalse();
            assertThat(lazy.loaded(OTHER_REGION)).isFalse();
        }
        // The control: with the SDK's own providers first, the same call loads every service and region.
        try (IsolatedLoader sdk = new IsolatedLoader(classPath(false))) {
            sdk.serviceMetadata("dynamodb");
            assertThat(sdk.loaded(OTHER_SERVICE)).isTrue();
            assertThat(sdk.loaded(OTHER_REGION)).isTrue();
        }
    }

    /** This module's classes (first, or left out) and the SDK jars the regions module needs. */
    private static URL[] classPath(boolean lazyProvidersFirst) {
        Set<URL> urls = new LinkedHashSet<>();
        if (lazyProvidersFirst) {
            urls.add(location(GeneratedServiceMetadataProvider.class));
        }
        for (Class<?> fromJar : new Class<?>[] {Region.class, software.amazon.awssdk.utils.Validate.class,
                software.amazon.awssdk.profiles.ProfileFile.class, software.amazon.awssdk.core.SdkSystemSetting.class,
                org.slf4j.LoggerFactory.class}) {
            urls.add(location(fromJar));
        }
        return urls.toArray(URL[]::new);
    }

    private static URL location(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    /** A class loader of its own, so that what a call loads can be observed. */
    private static final class IsolatedLoader extends URLClassLoader {

        IsolatedLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        void serviceMetadata(String endpointPrefix) throws Exception {
            loadClass(ServiceMetadata.class.getName()).getMethod("of", String.class).invoke(null, endpointPrefix);
        }

        boolean loaded(String className) {
            return findLoadedClass(className) != null;
        }
    }
}

package software.amazon.awssdk.regions;

import software.amazon.awssdk.regions.servicemetadata.DynamodbServiceMetadata;
import software.amazon.awssdk.regions.servicemetadata.SnsServiceMetadata;

/**
 * Replaces the SDK's generated provider in the Lambda artifact: the SDK's builds a map of all ~310 services'
 * metadata on first use, loading a class for each. This one knows the services the functions call and builds
 * their metadata on demand; for any other service it answers {@code null}, and {@link ServiceMetadata#of}
 * falls back to {@link DefaultServiceMetadata}, whose signing region is the client's region.
 */
public final class GeneratedServiceMetadataProvider implements ServiceMetadataProvider {

    @Override
    public ServiceMetadata serviceMetadata(String endpointPrefix) {
        return switch (endpointPrefix) {
            case "dynamodb" -> new DynamodbServiceMetadata();
            case "sns" -> new SnsServiceMetadata();
            default -> null;
        };
    }
}

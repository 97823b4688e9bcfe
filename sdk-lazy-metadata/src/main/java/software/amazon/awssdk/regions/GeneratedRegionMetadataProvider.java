package software.amazon.awssdk.regions;

/**
 * Replaces the SDK's generated provider in the Lambda artifact: the SDK's instantiates the metadata of every
 * region on first use. This one loads the one class asked for, by the SDK's naming of the generated classes
 * ({@code us-east-1} is {@code regionmetadata.UsEast1}), and answers {@code null} for a region it does not know,
 * as the SDK's does.
 */
public final class GeneratedRegionMetadataProvider implements RegionMetadataProvider {

    private static final String PACKAGE = "software.amazon.awssdk.regions.regionmetadata.";

    @Override
    public RegionMetadata regionMetadata(Region region) {
        try {
            return (RegionMetadata) Class.forName(className(region.id())).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException unknownRegion) {
            return null;
        }
    }

    static String className(String regionId) {
        StringBuilder name = new StringBuilder(PACKAGE);
        for (String part : regionId.split("-")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part, 1, part.length());
            }
        }
        return name.toString();
    }
}

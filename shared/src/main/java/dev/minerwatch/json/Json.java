package dev.minerwatch.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the process. Trees only: no bean introspection on the cold path. */
public final class Json {

    /** BigDecimal written plainly, so figures read -544940000 rather than -5.4494E+8. */
    private static final ObjectMapper MAPPER = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private Json() {}

    /** A tree as compact JSON, with this mapper's settings (ObjectNode.toString ignores them). */
    public static String write(com.fasterxml.jackson.databind.JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a JSON tree", e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}

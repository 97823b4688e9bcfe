package dev.minerwatch.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the process. Trees only: no bean introspection on the cold path. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}

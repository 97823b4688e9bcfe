package dev.minerwatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.minerwatch.json.Json;
import dev.minerwatch.rules.AlertEvent;
import dev.minerwatch.rules.AlertEvents;
import dev.minerwatch.store.RuleLedger.EventDocument;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one JSON document an event is stored as: its parts, plain numbers, and a shape this build names. */
class EventDocumentTest {

    private static final AlertEvent OUTFLOW = AlertEvents.of("etf_daily_outflow")
            .value(-544_940_000)
            .threshold(-500_000_000)
            .rearmLevel(Double.NaN)
            .build();

    @Test
    void anEventIsItsFourPartsWithPlainNumbersAndNoNaN() throws JsonProcessingException {
        Map<String, Object> document = Json.parseObject(EventDocument.write(OUTFLOW));

        assertThat(document).containsOnlyKeys("documentVersion", "origin", "figures", "explanation", "recording");
        assertThat(document).containsEntry("documentVersion", 1);
        assertThat(Json.write(document.get("figures")))
                .contains("\"value\":-544940000")
                .contains("\"rearmLevel\":null");
        assertThat(EventDocument.read(OUTFLOW.key(), EventDocument.write(OUTFLOW)))
                .isEqualTo(OUTFLOW);
    }

    @Test
    void aDocumentOfAnotherShapeIsRefusedNamingTheEvent() {
        String later = EventDocument.write(OUTFLOW).replace("\"documentVersion\":1", "\"documentVersion\":2");

        assertThatThrownBy(() -> EventDocument.read(OUTFLOW.key(), later))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(OUTFLOW.key())
                .hasMessageContaining("document version 2");
        assertThatThrownBy(() -> EventDocument.read(OUTFLOW.key(), "{\"documentVersion\":1}"))
                .hasMessageContaining("no part 'origin'");
        assertThatThrownBy(() -> EventDocument.read(OUTFLOW.key(), "[1]")).hasMessageContaining("is no JSON object");
    }

    @Test
    void aValueThatIsNoFiniteNumberIsRefusedBeforeItIsStored() {
        AlertEvent infinite = AlertEvents.of("etf_daily_outflow")
                .value(Double.NEGATIVE_INFINITY)
                .build();

        assertThatThrownBy(() -> EventDocument.write(infinite))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the value of event " + infinite.key());
    }
}

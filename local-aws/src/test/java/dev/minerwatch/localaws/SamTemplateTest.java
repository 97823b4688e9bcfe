package dev.minerwatch.localaws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Fn::ForEach} expanded as the {@code AWS::LanguageExtensions} transform does, before anything reads it. */
class SamTemplateTest {

    @TempDir
    Path dir;

    private static List<String> names(JsonNode object) {
        return object.properties().stream().map(Map.Entry::getKey).toList();
    }

    private SamTemplate read(String yaml) throws Exception {
        Path file = dir.resolve("template.yaml");
        Files.writeString(file, yaml);
        return SamTemplate.read(file);
    }

    @Test
    void aLoopBecomesOneCopyOfItsOutputPerValueWithTheIdentifierReplacedInKeysAndStrings() throws Exception {
        SamTemplate template = read("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  Fn::ForEach::Alarms:
                    - Name
                    - [Market, Digest]
                    - ${Name}Alarm:
                        Type: AWS::CloudWatch::Alarm
                        Properties:
                          AlarmDescription: !Sub ${Name}Function failed
                          Dimensions: [{Name: FunctionName, Value: !Sub "${${Name}Function}"}]
                          Threshold: 2
                """);

        assertThat(names(template.tree().path("Resources"))).containsExactly("Table", "MarketAlarm", "DigestAlarm");
        assertThat(template.tree()
                        .at("/Resources/DigestAlarm/Properties/AlarmDescription")
                        .asText())
                .isEqualTo("DigestFunction failed");
        assertThat(template.tree()
                        .at("/Resources/MarketAlarm/Properties/Dimensions/0/Value")
                        .asText())
                .isEqualTo("${MarketFunction}");
        assertThat(template.tree()
                        .at("/Resources/MarketAlarm/Properties/Threshold")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void loopsInsideALoopAreExpandedToo() throws Exception {
        SamTemplate template = read("""
                Resources:
                  Fn::ForEach::Outer:
                    - Kind
                    - [Errors, Throttles]
                    - Fn::ForEach::Inner:
                        - Name
                        - [Market, Digest]
                        - ${Name}${Kind}Alarm:
                            Type: AWS::CloudWatch::Alarm
                """);

        assertThat(names(template.tree().path("Resources")))
                .containsExactlyInAnyOrder(
                        "MarketErrorsAlarm", "DigestErrorsAlarm", "MarketThrottlesAlarm", "DigestThrottlesAlarm");
    }

    @Test
    void aCollectionKnownOnlyAtDeploymentOrAValueOtherThanLettersAndDigitsIsRefused() {
        assertThatThrownBy(() -> read("""
                        Resources:
                          Fn::ForEach::Topics:
                            - Name
                            - !Ref TopicNames
                            - ${Name}Topic: {Type: AWS::SNS::Topic}
                        """))
                .hasMessageContaining("Fn::ForEach::Topics must be [Identifier, [values], {OutputKey: OutputValue}]");
        assertThatThrownBy(() -> read("""
                        Resources:
                          Fn::ForEach::Topics:
                            - Name
                            - [a-b]
                            - ${Name}Topic: {Type: AWS::SNS::Topic}
                        """)).hasMessageContaining("only values of letters and digits");
    }
}

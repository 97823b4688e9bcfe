package dev.minerwatch.cli;

import dev.minerwatch.config.Settings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --rules FILE}: an override of the default rules, for the commands that evaluate them. */
class RuleOptions {

    @Option(
            names = "--rules",
            paramLabel = "FILE",
            description = "A rules override (JSON) merged over the default rules; see docs/rules.md. "
                    + "Default: MINERWATCH_RULES_FILE or MINERWATCH_RULES when set.")
    Path rulesFile;

    /** The settings the option changes. */
    Map<String, String> overrides() {
        return rulesFile == null ? Map.of() : Map.of(Settings.RULES_FILE, rulesFile.toString());
    }
}

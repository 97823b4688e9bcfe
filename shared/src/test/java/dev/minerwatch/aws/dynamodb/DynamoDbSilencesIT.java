package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.TestTables;
import dev.minerwatch.store.SilencesContract;
import dev.minerwatch.store.Storage;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The silences' contract, held against DynamoDB on moto_server (or LocalStack where Docker runs), a fresh table per test. */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbSilencesIT extends SilencesContract {

    private final LocalAws aws;

    DynamoDbSilencesIT(LocalAws aws) {
        this.aws = aws;
    }

    @Override
    protected Storage newStorage() {
        return TestTables.freshStorage(aws);
    }
}

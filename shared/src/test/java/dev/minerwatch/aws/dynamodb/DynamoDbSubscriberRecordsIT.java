package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.TestTables;
import dev.minerwatch.store.Storage;
import dev.minerwatch.store.SubscriberRecordsContract;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The subscriber records' contract, held against DynamoDB on moto_server (or LocalStack where Docker runs), a fresh table per test. */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbSubscriberRecordsIT extends SubscriberRecordsContract {

    private final LocalAws aws;

    DynamoDbSubscriberRecordsIT(LocalAws aws) {
        this.aws = aws;
    }

    @Override
    protected Storage newStorage() {
        return TestTables.freshStorage(aws);
    }
}

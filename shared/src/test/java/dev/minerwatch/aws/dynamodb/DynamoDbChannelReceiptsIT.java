package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.TestTables;
import dev.minerwatch.store.ChannelReceiptsContract;
import dev.minerwatch.store.Storage;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The channel receipts' contract, held against DynamoDB on moto_server (or LocalStack where Docker runs), a fresh table per test. */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbChannelReceiptsIT extends ChannelReceiptsContract {

    private final LocalAws aws;

    DynamoDbChannelReceiptsIT(LocalAws aws) {
        this.aws = aws;
    }

    @Override
    protected Storage newStorage() {
        return TestTables.freshStorage(aws);
    }
}

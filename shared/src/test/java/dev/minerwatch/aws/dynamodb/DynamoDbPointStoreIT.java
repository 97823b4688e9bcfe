package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.TestTables;
import dev.minerwatch.store.PointStoreContract;
import dev.minerwatch.store.Storage;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The point store's contract, held against DynamoDB on moto_server (or LocalStack where Docker runs). */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbPointStoreIT extends PointStoreContract {

    private final LocalAws aws;

    DynamoDbPointStoreIT(LocalAws aws) {
        this.aws = aws;
    }

    @Override
    protected Storage newStorage() {
        return TestTables.freshStorage(aws);
    }
}

package dev.minerwatch.aws.dynamodb;

import dev.minerwatch.TestTables;
import dev.minerwatch.store.AcknowledgementsContract;
import dev.minerwatch.store.Storage;
import dev.minerwatch.testkit.LocalAws;
import dev.minerwatch.testkit.LocalAwsExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/** The acknowledgements' contract, held against DynamoDB on moto_server (or LocalStack where Docker runs), a fresh table per test. */
@ExtendWith(LocalAwsExtension.class)
class DynamoDbAcknowledgementsIT extends AcknowledgementsContract {

    private final LocalAws aws;

    DynamoDbAcknowledgementsIT(LocalAws aws) {
        this.aws = aws;
    }

    @Override
    protected Storage newStorage() {
        return TestTables.freshStorage(aws);
    }
}

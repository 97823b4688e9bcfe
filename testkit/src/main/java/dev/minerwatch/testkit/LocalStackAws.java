package dev.minerwatch.testkit;

import java.net.URI;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** LocalStack in Docker via Testcontainers, with DynamoDB, SNS, SQS and SSM on one endpoint. */
final class LocalStackAws implements AutoCloseable {

    private final LocalStackContainer container;

    private LocalStackAws(LocalStackContainer container) {
        this.container = container;
    }

    static LocalStackAws start(String image) {
        LocalStackContainer container = new LocalStackContainer(DockerImageName.parse(image))
                .withServices("dynamodb", "sns", "sqs", "ssm", "s3");
        container.start();
        return new LocalStackAws(container);
    }

    URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void close() {
        container.stop();
    }
}

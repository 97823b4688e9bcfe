package dev.minerwatch.localaws;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A Lambda context for a handler run in-process (tests, {@code ./minerwatch invoke}): the function's name, memory
 * and a deadline from its timeout, and a logger that keeps what the handler logged and echoes it to a stream.
 */
public final class LocalLambdaContext implements Context {

    private final String functionName;
    private final int memoryMb;
    private final long deadlineMillis;
    private final String requestId = UUID.randomUUID().toString();
    private final PrintStream echo;
    private final List<String> logged = new ArrayList<>();

    public LocalLambdaContext(String functionName, int memoryMb, int timeoutSeconds, PrintStream echo) {
        this.functionName = functionName;
        this.memoryMb = memoryMb;
        this.deadlineMillis = System.currentTimeMillis() + timeoutSeconds * 1000L;
        this.echo = echo;
    }

    /** A context with Lambda's defaults for this project (1024 MB, 60 s) that only keeps the log. */
    public static LocalLambdaContext quiet(String functionName) {
        return new LocalLambdaContext(functionName, 1024, 60, null);
    }

    /** What the handler logged, one entry per call. */
    public List<String> logged() {
        return List.copyOf(logged);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadlineMillis - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return memoryMb;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                synchronized (logged) {
                    logged.add(message);
                }
                if (echo != null) {
                    echo.print(message);
                    echo.flush();
                }
            }

            @Override
            public void log(byte[] message) {
                log(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}

package inbound.lambda;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS client built when it is first called. Building one loads a large share of the AWS SDK, and a worker
 * function that processes its events never calls SQS (only a dead letter or a longer visibility does): so the
 * worker does not pay for it in its cold start. Closing a client never built does nothing.
 */
final class SqsClientOnFirstUse implements InvocationHandler {

    private final Supplier<SqsClient> build;
    private SqsClient client;

    private SqsClientOnFirstUse(Supplier<SqsClient> build) {
        this.build = build;
    }

    static SqsClient of(Supplier<SqsClient> build) {
        return (SqsClient) Proxy.newProxyInstance(SqsClient.class.getClassLoader(), new Class<?>[] {SqsClient.class}, new SqsClientOnFirstUse(build));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return switch (method.getName()) {
                case "equals" -> proxy == args[0];
                case "hashCode" -> System.identityHashCode(proxy);
                default -> "SQS client built on first use";
            };
        }
        SqsClient built = method.getName().equals("close") ? builtOrNull() : client();
        if (built == null) {
            return null;
        }
        try {
            return method.invoke(built, args);
        } catch (InvocationTargetException failed) {
            throw failed.getCause();
        }
    }

    private synchronized SqsClient client() {
        if (client == null) {
            client = build.get();
        }
        return client;
    }

    private synchronized SqsClient builtOrNull() {
        return client;
    }
}

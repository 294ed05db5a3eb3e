package inbound.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The smallest Java function there is: it answers its event with itself. The Lambda benchmark's baseline, packaged
 * as Inbound's functions are ({@link TrivialHandlerZip}): what the JVM and AWS's runtime client take, and nothing of Inbound.
 */
public final class TrivialHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.transferTo(output);
    }
}

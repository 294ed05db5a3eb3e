package inbound.server;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The embedded queue (ElasticMQ 1.7.1) writes message bodies and attributes to its database with the
 * JVM's default charset and reads them back the same way. Java 17 takes that charset from the locale,
 * and with none (most container images) it is ASCII: every non-ASCII character of the copy of record
 * would come back from a restart as '?'. So the embedded queue runs only under UTF-8.
 */
final class Utf8DefaultCharset {

    private Utf8DefaultCharset() {
    }

    static void require(Charset defaultCharset) {
        if (!StandardCharsets.UTF_8.equals(defaultCharset)) {
            throw new StartRefused("the JVM's default charset is " + defaultCharset + ", not UTF-8, and the embedded queue would turn"
                    + " every non-ASCII character of a body into '?' when it restarts. Start Java with -Dfile.encoding=UTF-8"
                    + " (the run command does) or with a UTF-8 locale (LANG=C.UTF-8)");
        }
    }
}

package inbound.lambda;

import inbound.secrets.SecretValues;
import inbound.settings.SettingsReader;
import inbound.support.EventLogContext;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.crac.Core;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Lambda function's Camel context: built once per container, when the runtime creates the
 * handler (so SnapStart snapshots it ready), with only the beans and routes that function needs and
 * without classpath scanning. Properties come from lambda.properties (the Lambda shape's own
 * defaults), then application.properties, and environment variables override both; they are read and
 * checked once, into {@link FunctionSettings}, before any bean is built; its log lines name the event each
 * concerns ({@link EventLogContext}).
 */
public final class FunctionContext {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionContext.class);
    /** The first location that has a key wins. */
    static final String PROPERTY_LOCATIONS = "classpath:lambda.properties,classpath:application.properties";

    private final CamelContext camel;
    private final FunctionSettings settings;
    private final ProducerTemplate template;
    /** Held here: CRaC keeps only a weak reference to a registered resource until the checkpoint. */
    private final SnapStartHooks snapStartHooks;

    private FunctionContext(CamelContext camel, FunctionSettings settings, SnapStartHooks snapStartHooks) {
        this.camel = camel;
        this.settings = settings;
        this.template = camel.createProducerTemplate();
        this.snapStartHooks = snapStartHooks;
    }

    /** @param beans the function's beans, built from its settings */
    public static FunctionContext start(String name, Function<FunctionSettings, List<CamelConfiguration>> beans, List<RoutesBuilder> routes) {
        long jvmUptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
        long startNanos = System.nanoTime();
        CamelContext camel = new DefaultCamelContext();
        FunctionSettings settings;
        try {
            camel.getCamelContextExtension().setName("inbound-" + name);
            camel.getPropertiesComponent().setLocation(PROPERTY_LOCATIONS);
            settings = SettingsReader.read(camel, FunctionSettings::read);
            settings.logFormat().apply();
            camel.getCamelContextExtension().addInterceptStrategy(new EventLogContext());
            SecretValues.bind(camel, settings.secretsManager());
            for (CamelConfiguration configuration : beans.apply(settings)) {
                configuration.configure(camel);
            }
            for (RoutesBuilder builder : routes) {
                camel.addRoutes(builder);
            }
            camel.start();
        } catch (Exception e) {
            camel.stop();
            throw new IllegalStateException("The " + name + " function could not start: " + e.getMessage(), e);
        }
        SnapStartHooks snapStartHooks = new SnapStartHooks(camel);
        Core.getGlobalContext().register(snapStartHooks);
        // what a cold start spent where: before the handler existed (JVM, runtime client) and in Inbound's own start
        LOG.info("Function {} ready: handler created {} ms after the JVM started, context built and started in {} ms",
                name, jvmUptimeAtStart, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return new FunctionContext(camel, settings, snapStartHooks);
    }

    public ProducerTemplate template() {
        return template;
    }

    public CamelContext camel() {
        return camel;
    }

    public FunctionSettings settings() {
        return settings;
    }

    SnapStartHooks snapStartHooks() {
        return snapStartHooks;
    }
}

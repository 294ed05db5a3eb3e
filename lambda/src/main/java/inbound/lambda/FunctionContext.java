package inbound.lambda;

import inbound.settings.SettingsReader;
import inbound.support.EventLogContext;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * concerns ({@link EventLogContext}). Before a checkpoint — and at start with {@code inbound.prime-at-init} —
 * the function primes itself ({@link Priming}).
 */
public final class FunctionContext {

    private static final Logger LOG = LoggerFactory.getLogger(FunctionContext.class);
    /** The first location that has a key wins. */
    static final String PROPERTY_LOCATIONS = "classpath:lambda.properties,classpath:application.properties";

    /** A function's beans, built from its settings and with what it reaches outside its process. */
    interface Beans {
        List<CamelConfiguration> of(FunctionSettings settings, FunctionOutside outside);
    }

    /**
     * What one function is made of: its name, its beans, its routes and the user's own routes it runs (the
     * worker's processing), each made anew for each context built of it (a route builder serves one context).
     */
    record Definition(String name, Beans beans, Supplier<List<RoutesBuilder>> routes, Supplier<List<RoutesBuilder>> userRoutes) {

        Definition(String name, Beans beans, Supplier<List<RoutesBuilder>> routes) {
            this(name, beans, routes, List::of);
        }
    }

    private final CamelContext camel;
    private final FunctionSettings settings;
    private final FunctionOutside outside;
    private final ProducerTemplate template;
    /** Held here: CRaC keeps only a weak reference to a registered resource until the checkpoint. */
    private SnapStartHooks snapStartHooks;

    private FunctionContext(CamelContext camel, FunctionSettings settings, FunctionOutside outside) {
        this.camel = camel;
        this.settings = settings;
        this.outside = outside;
        this.template = camel.createProducerTemplate();
    }

    /** The function, reaching AWS, with its SnapStart hooks registered; primed now too where the settings say so. */
    static FunctionContext start(Definition function, Priming.Primer primer) {
        long jvmUptimeAtStart = ManagementFactory.getRuntimeMXBean().getUptime();
        long startNanos = System.nanoTime();
        List<RoutesBuilder> routes = new ArrayList<>(function.routes().get());
        routes.addAll(function.userRoutes().get());
        FunctionContext started = build(function, routes, FunctionOutside.aws());
        Priming priming = new Priming(function, primer);
        started.snapStartHooks = new SnapStartHooks(started.camel, priming);
        Core.getGlobalContext().register(started.snapStartHooks);
        // what a cold start spent where: before the handler existed (JVM, runtime client) and in Inbound's own start
        LOG.info("Function {} ready: handler created {} ms after the JVM started, context built and started in {} ms",
                function.name(), jvmUptimeAtStart, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        if (started.settings.primeAtInit()) {
            priming.run();
        }
        return started;
    }

    /** A started context of {@code function} with {@code routes}, that reaches what {@code outside} gives it. */
    static FunctionContext build(Definition function, List<RoutesBuilder> routes, FunctionOutside outside) {
        CamelContext camel = new DefaultCamelContext();
        FunctionSettings settings;
        try {
            camel.getCamelContextExtension().setName("inbound-" + function.name());
            camel.getPropertiesComponent().setLocation(PROPERTY_LOCATIONS);
            settings = outside.settings(SettingsReader.read(camel, FunctionSettings::read));
            settings.logFormat().apply();
            camel.getCamelContextExtension().addInterceptStrategy(new EventLogContext());
            outside.bindSecrets(camel, settings);
            for (CamelConfiguration configuration : function.beans().of(settings, outside)) {
                configuration.configure(camel);
            }
            for (RoutesBuilder builder : routes) {
                camel.addRoutes(builder);
            }
            camel.start();
        } catch (Exception e) {
            camel.stop();
            throw new IllegalStateException("The " + function.name() + " function could not start: " + e.getMessage(), e);
        }
        return new FunctionContext(camel, settings, outside);
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

    FunctionOutside outside() {
        return outside;
    }

    SnapStartHooks snapStartHooks() {
        return snapStartHooks;
    }
}

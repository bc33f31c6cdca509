package keys.junit;

import java.util.Optional;

import keys.server.KeysServer;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * {@link KeysServerTest}'s behaviour. The server lives in the store of the annotated class's
 * context: started by the first callback or parameter that needs it (a constructor parameter of a
 * per-class instance comes before {@code beforeAll}), closed by JUnit with that context, as an
 * {@link AutoCloseable} store value. One store per class context: nothing is shared across classes.
 */
final class KeysServerExtension implements BeforeAllCallback, BeforeEachCallback, ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(KeysServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        RunningServer running = running(context);
        if (running.settings().resetBeforeEach()) {
            running.server().reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KeysServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context).server();
    }

    private static RunningServer running(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        Class<?> testClass = owner.getRequiredTestClass();
        KeysServerTest settings = AnnotationSupport.findAnnotation(testClass, KeysServerTest.class).orElseThrow();
        return owner.getStore(NAMESPACE).computeIfAbsent(RunningServer.class,
                key -> RunningServer.start(settings, testClass.getClassLoader()), RunningServer.class);
    }

    /** The nearest class context (from a method's, a nested class's, …) whose class is annotated. */
    private static ExtensionContext owner(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            ExtensionContext candidate = c.get();
            if (candidate.getTestMethod().isEmpty() && candidate.getTestClass()
                    .filter(type -> AnnotationSupport.isAnnotated(type, KeysServerTest.class)).isPresent()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no @KeysServerTest class above " + context.getUniqueId());
    }
}

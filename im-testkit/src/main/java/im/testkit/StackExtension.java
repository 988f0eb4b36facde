package im.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension for integration tests against the real stack that {@code deploy/imctl infra up}
 * starts. Before a test class runs it finds the stack (failing at once, with the command to run,
 * when a component is down), applies the migrations, and then injects the {@link Stack} into test
 * and lifecycle methods. One {@link Stack} is shared by the whole run and closed at its end.
 */
public final class StackExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        stack(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Stack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    private static Stack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(Stack.class, k -> new Resource(openStack()), Resource.class).stack;
    }

    private static Stack openStack() {
        try {
            return Stack.open();
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the development stack for tests: " + e, e);
        }
    }

    /** Closes the stack when the root context closes, i.e. at the end of the run. */
    private record Resource(Stack stack) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            stack.close();
        }
    }
}

package org.studyledger.infrastructure.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link TestDatabase}, {@link TestKafka} and {@link SecuredTestKafka} parameters, one of each per top-level
 * test class, created on first request so that a class asking only for Kafka never starts PostgreSQL. Use it through
 * {@link RealInfrastructure}.
 */
public final class RealInfrastructureExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RealInfrastructureExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestDatabase.class || type == TestKafka.class || type == SecuredTestKafka.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext owner = outermostClassContext(context);
        String hint = owner.getRequiredTestClass().getSimpleName();
        ExtensionContext.Store store = owner.getStore(NAMESPACE);
        Class<?> type = parameter.getParameter().getType();
        if (type == TestDatabase.class) {
            return store.getOrComputeIfAbsent(TestDatabase.class, key -> TestInfrastructure.newDatabase(hint),
                    TestDatabase.class);
        }
        if (type == TestKafka.class) {
            return store.getOrComputeIfAbsent(TestKafka.class, key -> TestInfrastructure.newKafka(hint),
                    TestKafka.class);
        }
        if (type == SecuredTestKafka.class) {
            return store.getOrComputeIfAbsent(SecuredTestKafka.class, key -> TestInfrastructure.newSecuredKafka(hint),
                    SecuredTestKafka.class);
        }
        throw new ParameterResolutionException("Cannot resolve " + type.getName());
    }

    /**
     * The class context whose store outlives every method and nested class of the test class. Walking up also
     * covers constructor injection, whose context may be the method's or the class's depending on the JUnit
     * configuration.
     */
    private static ExtensionContext outermostClassContext(ExtensionContext context) {
        ExtensionContext outermost = null;
        for (ExtensionContext current = context; current != null; current = current.getParent().orElse(null)) {
            if (current.getTestClass().isPresent() && current.getTestMethod().isEmpty()) {
                outermost = current;
            }
        }
        if (outermost == null) {
            throw new ParameterResolutionException("No test class around " + context.getUniqueId());
        }
        return outermost;
    }
}

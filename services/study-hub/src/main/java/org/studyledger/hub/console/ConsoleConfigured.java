package org.studyledger.hub.console;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when a console client is configured: the console's beans, its pages and its security chain exist only then,
 * so a hub run without one (every API test, a read-only hub) has exactly the endpoints of its rule table.
 */
public final class ConsoleConfigured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(ConsoleProperties.CLIENT_ID));
    }
}

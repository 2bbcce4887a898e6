package org.studyledger.hub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ContextConfiguration;
import org.studyledger.support.security.testing.DefaultCaller;

/**
 * A study hub on real PostgreSQL and Kafka from the test harness: its own database and its own topic
 * prefix per test class ({@link HubInfrastructure}; the context is not reused by other classes), and a
 * {@code TestRestTemplate} that calls it as the default caller ({@link DefaultCaller}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + StudyHubApplication.CONFIG_NAME)
@ContextConfiguration(initializers = HubInfrastructure.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@Import(DefaultCaller.class)
public @interface HubTest {
}

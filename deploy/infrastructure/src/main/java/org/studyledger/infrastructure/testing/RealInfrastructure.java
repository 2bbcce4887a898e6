package org.studyledger.infrastructure.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class real PostgreSQL and Kafka: a {@link TestDatabase}, a {@link TestKafka} and a
 * {@link SecuredTestKafka} (the secured broker: SASL and ACLs) parameter (constructor, {@code @BeforeAll},
 * {@code @BeforeEach}, {@code @Test}) resolve to a database and topic namespaces of the class's own. Within the class (including its {@code @Nested} classes) every parameter
 * of one type is the same instance, so data set up in {@code @BeforeAll} is visible to the tests.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(RealInfrastructureExtension.class)
public @interface RealInfrastructure {
}

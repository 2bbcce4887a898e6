package org.studyledger.center.intake;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/** Deletes expired idempotency keys every {@code studyledger.center.idempotency.purge-interval}. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyPurge implements SchedulingConfigurer {
    private final IdempotentRequests requests;
    private final IdempotencyProperties properties;

    IdempotencyPurge(IdempotentRequests requests, IdempotencyProperties properties) {
        this.requests = requests;
        this.properties = properties;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar registrar) {
        registrar.addFixedDelayTask(requests::purgeExpired, properties.purgeInterval());
    }
}

package org.studyledger.center.intake;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Puts the intake's bounded, checking JSON reader in front of Spring's own for {@link JsonBody} parameters. */
@Configuration(proxyBeanMethods = false)
class IntakeWebConfiguration implements WebMvcConfigurer {
    private final IntakeProperties limits;

    IntakeWebConfiguration(IntakeProperties limits) {
        this.limits = limits;
    }

    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(0, new JsonBodyConverter(limits));
    }
}

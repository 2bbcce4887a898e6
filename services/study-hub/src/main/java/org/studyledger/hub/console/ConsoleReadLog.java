package org.studyledger.hub.console;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.studyledger.kernel.access.Role;

/** Writes each logged console read to the access log once the page is rendered, with the status it got. */
@Configuration(proxyBeanMethods = false)
@Conditional(ConsoleConfigured.class)
public class ConsoleReadLog implements WebMvcConfigurer {
    private final ConsoleAccess access;

    ConsoleReadLog(ConsoleAccess access) {
        this.access = access;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                        Exception ex) {
                if (request.getAttribute(ConsoleAccess.LOGGED_READ) instanceof Role role) {
                    access.record(request, response, ex != null ? 500 : response.getStatus(), role);
                }
            }
        }).addPathPatterns(ConsoleSecurity.HOME + "/**");
    }
}

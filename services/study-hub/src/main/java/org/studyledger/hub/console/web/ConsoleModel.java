package org.studyledger.hub.console.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.annotation.Conditional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.studyledger.hub.api.InvalidQuery;
import org.studyledger.hub.api.NotFound;
import org.studyledger.hub.console.ConsoleAccess;
import org.studyledger.hub.console.ConsoleConfigured;
import org.studyledger.hub.console.Shown;
import org.studyledger.support.security.Caller;

/** What every console page knows: who is signed in and what they may see (the navigation shows only that). */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@Conditional(ConsoleConfigured.class)
class ConsoleModel {
    private final ConsoleAccess access;

    ConsoleModel(ConsoleAccess access) {
        this.access = access;
    }

    @ModelAttribute("me")
    Caller me() {
        return access.caller();
    }

    /** The names of what the signed-in person may see or do ({@link Shown}). */
    @ModelAttribute("may")
    Set<String> may() {
        Set<String> names = new TreeSet<>();
        access.allowed().forEach(s -> names.add(s.name()));
        return names;
    }

    @ExceptionHandler(ConsoleAccess.Refused.class)
    String refused(ConsoleAccess.Refused e, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        model.addAttribute("me", me());
        model.addAttribute("may", may());
        model.addAttribute("message", e.getMessage());
        model.addAttribute("title", "Not for your role");
        return "console/problem";
    }

    @ExceptionHandler({InvalidQuery.class, NotFound.class})
    String problem(RuntimeException e, Model model, HttpServletResponse response) {
        response.setStatus(e instanceof NotFound ? HttpServletResponse.SC_NOT_FOUND : 422);
        model.addAttribute("me", me());
        model.addAttribute("may", may());
        model.addAttribute("message", e.getMessage());
        model.addAttribute("title", e instanceof NotFound ? "Not found" : "Cannot show that");
        return "console/problem";
    }
}

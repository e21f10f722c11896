package org.migrationportal.web;

import org.migrationportal.shared.NotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** Pages that name something missing answer with the friendly 404 page. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(jakarta.servlet.http.HttpServletRequest request, org.springframework.ui.Model model) {
        // Exception handlers get a fresh model: the layout still needs the current path.
        model.addAttribute(
                "currentPath",
                request.getRequestURI().substring(request.getContextPath().length()));
        return "error/404";
    }
}

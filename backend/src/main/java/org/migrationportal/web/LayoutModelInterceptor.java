package org.migrationportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.migrationportal.shared.LayoutAttributes;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Model attributes the shared layout needs on every page: which navigation item is active, and what other
 * modules contribute ({@link LayoutAttributes}), added only when a page is rendered. {@code @ModelAttribute}
 * advices did the same but ran on every API request too: Spring's model-attribute machinery cost about 5 % of
 * an ingest request's CPU (docs/performance-ingest.md), and an approver's token paid a count query per call.
 */
@Configuration(proxyBeanMethods = false)
class LayoutModelInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final List<LayoutAttributes> contributors;

    LayoutModelInterceptor(List<LayoutAttributes> contributors) {
        this.contributors = contributors;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public void postHandle(
            HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page) {
        if (page == null
                || !page.hasView()
                || page.getView() instanceof RedirectView
                || page.getViewName() != null
                        && (page.getViewName().startsWith("redirect:")
                                || page.getViewName().startsWith("forward:"))) {
            return; // no page rendered here (an API answer, a redirect): nothing for the layout
        }
        Map<String, Object> model = page.getModel();
        model.putIfAbsent(
                "currentPath",
                request.getRequestURI().substring(request.getContextPath().length()));
        contributors.forEach(contributor -> contributor.addTo(model, request));
    }
}

package org.migrationportal.shared;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * Model attributes for the shared page layout (navigation state, badges), contributed by any module and added
 * by the web module only when a page is rendered: never for API answers, redirects or downloads.
 */
public interface LayoutAttributes {

    /** Puts this module's attributes into the model of the page being rendered for {@code request}. */
    void addTo(Map<String, Object> model, HttpServletRequest request);
}

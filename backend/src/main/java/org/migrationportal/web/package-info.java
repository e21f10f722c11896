/**
 * What every page and API response shares: the sign-in page, the overview, error pages, and the
 * translation of failures into RFC 9457 problem responses (API) or friendly pages (UI).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "projects", "identity"})
package org.migrationportal.web;

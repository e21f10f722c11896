/**
 * Small vocabulary every feature module shares: request problems (field errors, not found, conflict)
 * and the clock. Nothing here knows about a feature.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.migrationportal.shared;

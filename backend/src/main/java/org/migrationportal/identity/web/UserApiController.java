package org.migrationportal.identity.web;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.migrationportal.identity.NewUser;
import org.migrationportal.identity.UserAccounts;
import org.migrationportal.identity.UserView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for users and their roles. */
@RestController
@RequestMapping("/api/v1")
class UserApiController {

    private final UserAccounts accounts;

    UserApiController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    ResponseEntity<UserView> create(@Valid @RequestBody NewUser user) {
        UserView created = accounts.create(user);
        return ResponseEntity.created(URI.create("/api/v1/users/" + created.username()))
                .body(created);
    }

    @GetMapping("/users")
    @PreAuthorize("hasRole('ADMIN')")
    List<UserView> list() {
        return accounts.list();
    }

    @GetMapping("/users/{username}")
    @PreAuthorize("hasRole('ADMIN')")
    UserView get(@PathVariable String username) {
        return accounts.get(username);
    }

    /** Who the calling token acts as: handy for checking a token from a pipeline. */
    @GetMapping("/me")
    WhoAmI me(Authentication caller) {
        return new WhoAmI(
                caller.getName(),
                caller.getAuthorities().stream().map(Object::toString).sorted().toList());
    }

    record WhoAmI(String name, List<String> authorities) {}
}

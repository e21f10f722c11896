package org.migrationportal.identity.web;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.migrationportal.identity.ApiTokens;
import org.migrationportal.identity.IssuedToken;
import org.migrationportal.identity.NewProjectToken;
import org.migrationportal.identity.TokenView;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin API for project tokens. The token value appears once, in the 201 response. */
@RestController
@RequestMapping("/api/v1/projects/{key}/tokens")
@PreAuthorize("hasRole('ADMIN')")
class TokenApiController {

    private final ApiTokens tokens;

    TokenApiController(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<IssuedToken> issue(@PathVariable String key, @Valid @RequestBody NewProjectToken request) {
        IssuedToken issued = tokens.issueProjectToken(key, request);
        return ResponseEntity.created(URI.create("/api/v1/projects/" + key + "/tokens/" + issued.id()))
                .body(issued);
    }

    @GetMapping
    List<TokenView> list(@PathVariable String key) {
        return tokens.projectTokens(key);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String key, @PathVariable long id) {
        tokens.revokeProjectToken(key, id);
        return ResponseEntity.noContent().build();
    }
}

package org.migrationportal.identity;

import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends a user's signed-in sessions when what they may do shrinks (disabled, a role removed, password reset),
 * so the change takes effect on the next request instead of when the session times out. Sessions are found
 * through Spring Session's principal-name index (the {@code PRINCIPAL_NAME} column of {@code SPRING_SESSION}),
 * which every instance shares. The sessions are deleted once the change has committed: a change that rolls
 * back signs nobody out.
 */
@Component
class SignedInSessions {

    private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

    SignedInSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
        this.sessions = sessions;
    }

    /** Ends every session of the user. */
    void endAll(String username) {
        endAllExcept(username, null);
    }

    /** Ends every session of the user but one (the one that made the change, e.g. the user's own password change). */
    void endAllExcept(String username, String keptSessionId) {
        Runnable end = () -> sessions.ifAvailable(repository -> end(repository, username, keptSessionId));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    end.run();
                }
            });
        } else {
            end.run();
        }
    }

    private static void end(FindByIndexNameSessionRepository<?> repository, String username, String keptSessionId) {
        Set<String> ids = repository.findByPrincipalName(username).keySet();
        ids.stream().filter(id -> !id.equals(keptSessionId)).forEach(repository::deleteById);
    }
}

package org.migrationportal.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits on Spring Modulith's event publication registry: a durable listener has handled an event once its
 * publication row is completed. Lets a test assert "nothing happened" after the listener has run, instead of
 * after a guessed pause.
 */
public final class EventPublications {

    private EventPublications() {}

    /**
     * Waits (at most {@code within}) until the publication of an event whose serialized form contains
     * {@code eventFragment} to a listener whose id contains {@code listenerFragment} exists and is completed.
     */
    public static void awaitCompleted(JdbcClient jdbc, String listenerFragment, String eventFragment, Duration within) {
        Awaitility.await("the publication of " + eventFragment + " to " + listenerFragment + " completed")
                .atMost(within)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(jdbc.sql("""
                                SELECT COUNT(*) FROM event_publication
                                WHERE listener_id LIKE ? AND serialized_event LIKE ? AND completion_date IS NOT NULL""")
                                .param("%" + listenerFragment + "%")
                                .param("%" + eventFragment + "%")
                                .query(Long.class)
                                .single())
                        .isEqualTo(1));
    }
}

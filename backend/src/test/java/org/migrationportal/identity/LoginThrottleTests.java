package org.migrationportal.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle slows guessing but never locks the real user out for good. */
class LoginThrottleTests {

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }
    }

    final MovableClock clock = new MovableClock();
    final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void theFirstFailuresCostNothing() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ACCOUNT - 1; i++) {
            throttle.recordFailure("alice", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("alice", "10.0.0.1")).isZero();
    }

    @Test
    void theWaitDoublesWithEachFurtherFailureUpToACap() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ACCOUNT; i++) {
            throttle.recordFailure("alice", "10.9.9.9");
        }
        assertThat(throttle.waitBeforeAttempt("alice", "10.9.9.9")).isEqualTo(Duration.ofSeconds(1));
        throttle.recordFailure("alice", "10.9.9.9");
        assertThat(throttle.waitBeforeAttempt("ALICE ", "10.9.9.9")).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            throttle.recordFailure("alice", "10.9.9.9");
        }
        assertThat(throttle.waitBeforeAttempt("alice", "10.9.9.9")).isEqualTo(LoginThrottle.MAX_WAIT);
    }

    @Test
    void oneAddressGuessingAnAccountDoesNotLockItsOwnerOut() {
        for (int i = 0; i < 50; i++) {
            throttle.recordFailure("alice", "203.0.113.7");
        }
        assertThat(throttle.waitBeforeAttempt("alice", "203.0.113.7")).isPositive();
        assertThat(throttle.waitBeforeAttempt("alice", "198.51.100.1")).isZero();
    }

    @Test
    void manyAddressesGuessingOneAccountSlowItFromEverywhere() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ACCOUNT_FROM_ANYWHERE; i++) {
            throttle.recordFailure("alice", "10.20." + (i / 250) + "." + (i % 250));
        }
        assertThat(throttle.waitBeforeAttempt("alice", "198.51.100.1")).isPositive();
        assertThat(throttle.waitBeforeAttempt("bob", "198.51.100.1")).isZero();
    }

    @Test
    void aFloodOfMadeUpUsernamesAndAddressesCannotGrowItsMemory() {
        LoginThrottle small = new LoginThrottle(clock, LoginThrottle.DEFAULT_FREE_FAILURES_PER_ADDRESS, 1_000);
        for (int i = 0; i < 30_000; i++) {
            small.recordFailure("user-" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertThat(small.trackedKeys()).isLessThanOrEqualTo(3 * 1_000);
    }

    @Test
    void waitingItOutOrSucceedingLiftsTheThrottle() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ACCOUNT + 3; i++) {
            throttle.recordFailure("bob", "10.0.2.1");
        }
        assertThat(throttle.waitBeforeAttempt("bob", "10.0.2.1")).isPositive();
        clock.advance(Duration.ofSeconds(9));
        assertThat(throttle.waitBeforeAttempt("bob", "10.0.2.1")).isZero();
        throttle.recordSuccess("bob", "10.0.2.1");
        throttle.recordFailure("bob", "10.0.2.1");
        assertThat(throttle.waitBeforeAttempt("bob", "10.0.2.1")).isZero();
    }

    @Test
    void oneAddressGuessingManyAccountsIsSlowedToo() {
        for (int i = 0; i < LoginThrottle.DEFAULT_FREE_FAILURES_PER_ADDRESS; i++) {
            throttle.recordFailure("user" + i, "203.0.113.7");
        }
        assertThat(throttle.waitBeforeAttempt("someone-new", "203.0.113.7")).isPositive();
        assertThat(throttle.waitBeforeAttempt("someone-new", "198.51.100.1")).isZero();
    }

    @Test
    void everythingIsForgottenAfterAQuietPeriod() {
        for (int i = 0; i < 40; i++) {
            throttle.recordFailure("carol", "10.1.1.1");
        }
        clock.advance(LoginThrottle.FORGET_AFTER.plusSeconds(1));
        assertThat(throttle.waitBeforeAttempt("carol", "10.1.1.1")).isZero();
    }
}

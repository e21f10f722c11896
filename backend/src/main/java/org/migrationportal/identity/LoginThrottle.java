package org.migrationportal.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without locking the real user out for good. After a few free failures an
 * account (or a client address) must wait before the next attempt; the wait doubles with each further
 * failure up to a cap, and everything is forgotten after a quiet period. Unknown usernames are throttled
 * exactly like real ones, so the throttle reveals nothing about which accounts exist.
 *
 * <p>State is per app instance (in memory): with several instances an attacker gets at most that many
 * times the budget, which still turns guessing from thousands per minute into a handful.
 */
@Component
class LoginThrottle {

    static final int FREE_FAILURES_PER_ACCOUNT = 5;
    static final int DEFAULT_FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);

    private record Failures(int count, Instant last) {}

    private final Map<String, Failures> byAccount = new ConcurrentHashMap<>();
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int freeFailuresPerAddress;

    @org.springframework.beans.factory.annotation.Autowired
    LoginThrottle(
            Clock clock,
            @org.springframework.beans.factory.annotation.Value("${portal.login.free-failures-per-address:20}")
                    int freeFailuresPerAddress) {
        this.clock = clock;
        this.freeFailuresPerAddress = freeFailuresPerAddress;
    }

    LoginThrottle(Clock clock) {
        this(clock, DEFAULT_FREE_FAILURES_PER_ADDRESS);
    }

    /** How long this attempt must still wait; zero when it may go ahead. */
    Duration waitBeforeAttempt(String username, String address) {
        Instant now = clock.instant();
        Duration account = wait(byAccount.get(normalise(username)), FREE_FAILURES_PER_ACCOUNT, now);
        Duration client = wait(byAddress.get(address), freeFailuresPerAddress, now);
        return account.compareTo(client) >= 0 ? account : client;
    }

    void recordFailure(String username, String address) {
        Instant now = clock.instant();
        byAccount.merge(normalise(username), new Failures(1, now), (old, one) -> next(old, now));
        if (address != null) {
            byAddress.merge(address, new Failures(1, now), (old, one) -> next(old, now));
        }
        if (byAccount.size() + byAddress.size() > 100_000) {
            forgetQuiet(now);
        }
    }

    void recordSuccess(String username) {
        byAccount.remove(normalise(username));
    }

    private static Failures next(Failures old, Instant now) {
        boolean forgotten = Duration.between(old.last(), now).compareTo(FORGET_AFTER) > 0;
        return new Failures(forgotten ? 1 : old.count() + 1, now);
    }

    private static Duration wait(Failures failures, int free, Instant now) {
        if (failures == null
                || failures.count() < free
                || Duration.between(failures.last(), now).compareTo(FORGET_AFTER) > 0) {
            return Duration.ZERO;
        }
        int over = Math.min(failures.count() - free, 20);
        Duration penalty = Duration.ofSeconds(1L << over);
        if (penalty.compareTo(MAX_WAIT) > 0) {
            penalty = MAX_WAIT;
        }
        Duration remaining = penalty.minus(Duration.between(failures.last(), now));
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }

    private void forgetQuiet(Instant now) {
        byAccount.values().removeIf(f -> Duration.between(f.last(), now).compareTo(FORGET_AFTER) > 0);
        byAddress.values().removeIf(f -> Duration.between(f.last(), now).compareTo(FORGET_AFTER) > 0);
    }

    private static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}

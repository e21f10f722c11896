package org.migrationportal.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without handing anyone a way to lock the real user out. After a few free
 * failures the next attempt must wait; the wait doubles with each further failure up to a cap, and
 * everything is forgotten after a quiet period. Three counters, each with its own budget:
 *
 * <ul>
 *   <li>per account <em>and</em> client address (5 free): the everyday guard. An attacker's failures slow the
 *       attacker's address for that account, not the account's owner signing in from elsewhere;</li>
 *   <li>per client address (20 free by default): one address guessing many accounts;</li>
 *   <li>per account from every address (100 free): many addresses guessing one account. Only this counter
 *       slows the owner too, and it takes a hundred failures from a spread of addresses to reach it.</li>
 * </ul>
 *
 * Unknown usernames are throttled exactly like real ones, so the throttle reveals nothing about which
 * accounts exist. Attempts refused while throttled are not counted: waiting out the lock always works.
 *
 * <p>The counters are Caffeine caches with a size cap, so a flood of made-up usernames or addresses cannot
 * grow the heap; Caffeine's frequency-based admission keeps the counters that are hit often (an account
 * under attack) over one-off keys. State is per app instance (in memory): with several instances an
 * attacker gets at most that many times the budget. Behind a reverse proxy the client address is only
 * right with {@code server.forward-headers-strategy} set (docs/operations.md): otherwise every client has
 * the proxy's address and the first two counters become one shared counter per account and one for all.
 */
@Component
class LoginThrottle {

    static final int FREE_FAILURES_PER_ACCOUNT = 5;
    static final int FREE_FAILURES_PER_ACCOUNT_FROM_ANYWHERE = 100;
    static final int DEFAULT_FREE_FAILURES_PER_ADDRESS = 20;
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    /** Entries per counter; at about 200 bytes each, the three together stay under 100 MB. */
    static final long MAX_TRACKED_KEYS = 100_000;

    private record Failures(int count, Instant last) {}

    private final Cache<String, Failures> byAccountAndAddress;
    private final Cache<String, Failures> byAccount;
    private final Cache<String, Failures> byAddress;
    private final Clock clock;
    private final int freeFailuresPerAddress;

    @Autowired
    LoginThrottle(
            Clock clock,
            @Value("${portal.login.free-failures-per-address:" + DEFAULT_FREE_FAILURES_PER_ADDRESS + "}")
                    int freeFailuresPerAddress) {
        this(clock, freeFailuresPerAddress, MAX_TRACKED_KEYS);
    }

    LoginThrottle(Clock clock) {
        this(clock, DEFAULT_FREE_FAILURES_PER_ADDRESS, MAX_TRACKED_KEYS);
    }

    LoginThrottle(Clock clock, int freeFailuresPerAddress, long maxTrackedKeys) {
        this.clock = clock;
        this.freeFailuresPerAddress = freeFailuresPerAddress;
        this.byAccountAndAddress = counter(clock, maxTrackedKeys);
        this.byAccount = counter(clock, maxTrackedKeys);
        this.byAddress = counter(clock, maxTrackedKeys);
    }

    private static Cache<String, Failures> counter(Clock clock, long maxTrackedKeys) {
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        return Caffeine.newBuilder()
                .maximumSize(maxTrackedKeys)
                .expireAfterWrite(FORGET_AFTER)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** How long this attempt must still wait; zero when it may go ahead. Counts nothing. */
    Duration waitBeforeAttempt(String username, String address) {
        Instant now = clock.instant();
        String account = normalise(username);
        Duration wait = wait(byAccountAndAddress.getIfPresent(account + "@" + address), FREE_FAILURES_PER_ACCOUNT, now);
        wait = longer(wait, wait(byAccount.getIfPresent(account), FREE_FAILURES_PER_ACCOUNT_FROM_ANYWHERE, now));
        if (address != null) {
            wait = longer(wait, wait(byAddress.getIfPresent(address), freeFailuresPerAddress, now));
        }
        return wait;
    }

    /** A password was checked and was wrong (or the account does not exist). */
    void recordFailure(String username, String address) {
        Instant now = clock.instant();
        String account = normalise(username);
        count(byAccountAndAddress, account + "@" + address, now);
        count(byAccount, account, now);
        if (address != null) {
            count(byAddress, address, now);
        }
    }

    void recordSuccess(String username, String address) {
        String account = normalise(username);
        byAccountAndAddress.invalidate(account + "@" + address);
        byAccount.invalidate(account);
    }

    /** Keys currently remembered across the three counters (for tests and metrics). */
    long trackedKeys() {
        byAccountAndAddress.cleanUp();
        byAccount.cleanUp();
        byAddress.cleanUp();
        return byAccountAndAddress.estimatedSize() + byAccount.estimatedSize() + byAddress.estimatedSize();
    }

    private static void count(Cache<String, Failures> counter, String key, Instant now) {
        counter.asMap().merge(key, new Failures(1, now), (old, one) -> next(old, now));
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

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String normalise(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }
}

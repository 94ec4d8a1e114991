package dev.apigw.emulator.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.util.concurrent.TimeUnit;

/**
 * The client addresses of anonymous callers that have counters of their own, at most {@code max}; each is
 * remembered for the window it was first counted in. Once {@code max} addresses are live, a new address is counted in
 * the overflow counter {@code ip:*}, shared by every such address: they are limited together (never unlimited), and
 * no address already counted is evicted to make room, so flooding with fresh addresses cannot reset anyone's count.
 * Thread-safe; Caffeine expires entries in amortised constant time.
 */
final class ClientAddresses {
    static final String OVERFLOW = "ip:*";
    private final int max;
    private final Cache<String, Long> live;

    ClientAddresses(int max) {
        this.max = max;
        this.live = Caffeine.newBuilder().executor(Runnable::run).expireAfter(new Expiry<String, Long>() {
            @Override
            public long expireAfterCreate(String key, Long windowMillis, long currentTime) {
                return TimeUnit.MILLISECONDS.toNanos(windowMillis + 1_000);
            }

            @Override
            public long expireAfterUpdate(String key, Long windowMillis, long currentTime, long currentDuration) {
                return currentDuration;
            }

            @Override
            public long expireAfterRead(String key, Long windowMillis, long currentTime, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    String keyFor(String address, long windowMillis) {
        if (live.getIfPresent(address) != null) return "ip:" + address;
        if (live.estimatedSize() >= max) {
            live.cleanUp(); // count only live entries before refusing one
            if (live.estimatedSize() >= max) return OVERFLOW;
        }
        live.asMap().putIfAbsent(address, windowMillis);
        return "ip:" + address;
    }

    /** Forgets every address (an emulator reset). */
    void clear() {
        live.invalidateAll();
    }
}

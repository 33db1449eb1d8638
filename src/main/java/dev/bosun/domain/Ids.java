package dev.bosun.domain;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * Time-ordered, URL- and path-safe identifiers such as {@code ses_01jd3k…}: a prefix saying what the thing is, then
 * 48 bits of milliseconds and 50 random bits in Crockford base32. Sorting ids sorts by creation time, and an id can be
 * used as a directory name ({@code <WorkRoot>/<sessionID>}) without escaping. Ids made in the same millisecond
 * (or with a clock that went back) still sort in the order they were made: the random part is incremented instead.
 */
public final class Ids {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final long RANDOM_MASK = (1L << 50) - 1;
    private static long lastMillis = -1;
    private static long lastRandom;

    private Ids() {}

    public static String next(String prefix, Instant now) {
        long millis;
        long random;
        synchronized (Ids.class) {
            if (now.toEpochMilli() > lastMillis) {
                lastMillis = now.toEpochMilli();
                lastRandom = RANDOM.nextLong() & (RANDOM_MASK >>> 1); // leave room to count up
            } else {
                lastRandom = (lastRandom + 1) & RANDOM_MASK;
            }
            millis = lastMillis;
            random = lastRandom;
        }
        char[] out = new char[20];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (millis & 31)];
            millis >>>= 5;
        }
        for (int i = 19; i >= 10; i--) {
            out[i] = ALPHABET[(int) (random & 31)];
            random >>>= 5;
        }
        return prefix + "_" + new String(out);
    }

    /** True for ids this class makes: safe to use as a single path segment. */
    public static boolean isWellFormed(String id) {
        return id != null && id.matches("[a-z]{2,4}_[0-9a-hjkmnp-tv-z]{20}");
    }
}

package dev.bosun.tools;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live bearer tokens: 256 random bits each, one per running session (a new grant replaces the session's old
 * token) plus the operator's. Lookups compare digests, so timing says nothing about a token's bytes.
 */
final class Tokens {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Grant> byDigest = new ConcurrentHashMap<>();
    private final Map<String, String> digestBySession = new ConcurrentHashMap<>();

    String issue(Grant grant) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String digest = digest(token);
        byDigest.put(digest, grant);
        if (grant.sessionId() != null) {
            String old = digestBySession.put(grant.sessionId(), digest);
            if (old != null) {
                byDigest.remove(old);
            }
        }
        return token;
    }

    void revoke(String sessionId) {
        String digest = digestBySession.remove(sessionId);
        if (digest != null) {
            byDigest.remove(digest);
        }
    }

    Optional<Grant> lookup(String token) {
        return token == null || token.isEmpty() ? Optional.empty() : Optional.ofNullable(byDigest.get(digest(token)));
    }

    private static String digest(String token) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

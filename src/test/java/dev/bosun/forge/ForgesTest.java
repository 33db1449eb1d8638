package dev.bosun.forge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgesTest {
    @TempDir
    Path dir;

    /** Bosun's token goes only to a push over https to its GitHub's host; anything else is the operator's git's. */
    @Test
    void theGitHubTokenIsOfferedOnlyForHttpsPushesToGitHubsHost() {
        Forges forges = new Forges(new LocalForge(java.util.Map.of(), dir), URI.create("https://api.github.com"),
                () -> Optional.of("ghp_token"));

        assertThat(forges.pushCredential("https://github.com/acme/app.git")).contains(new GitCredential("https",
                "github.com", "x-access-token", "ghp_token"));
        assertThat(forges.pushCredential("git@github.com:acme/app.git")).isEmpty();
        assertThat(forges.pushCredential("https://github.com.evil.example/acme/app.git")).isEmpty();
        assertThat(forges.pushCredential("http://github.com/acme/app.git")).isEmpty();
        assertThat(forges.pushCredential("/srv/git/app.git")).isEmpty();
        assertThat(new Forges(new LocalForge(java.util.Map.of(), dir), URI.create("https://api.github.com"),
                Optional::empty).pushCredential("https://github.com/acme/app.git")).isEmpty();
        assertThat(new GitCredential("https", "github.com", "x-access-token", "ghp_token").toString())
                .doesNotContain("ghp_token");
    }
}

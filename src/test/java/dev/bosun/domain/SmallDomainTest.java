package dev.bosun.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmallDomainTest {

    @Test
    void idsAreUniqueTimeOrderedAndPathSafe() {
        Set<String> seen = new HashSet<>();
        String previous = "";
        for (int i = 0; i < 2000; i++) {
            String id = Ids.next("ses", Instant.ofEpochMilli(1_700_000_000_000L + i));
            assertThat(Ids.isWellFormed(id)).as(id).isTrue();
            assertThat(id.compareTo(previous)).isPositive();
            assertThat(seen.add(id)).isTrue();
            previous = id;
        }
        Instant same = Instant.ofEpochMilli(1_800_000_000_000L);
        String a = Ids.next("ses", same);
        String b = Ids.next("ses", same);
        String c = Ids.next("ses", same.minusSeconds(60));
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(Ids.isWellFormed("ses_../../etc")).isFalse();
        assertThat(Ids.isWellFormed("ses_0123456789abcdefghjI")).isFalse();
    }

    @Test
    void redactorMasksCredentials() {
        String text = "push with token=ghp_abcdefghijklmnopqrstuvwxyz012345 and Authorization: Bearer abc.def-ghi_jkl"
                + " key sk-ant-api03-ABCDEFGHIJKLMNOPQRSTUV and password: hunter2";
        String out = Redactor.redact(text);
        assertThat(out).doesNotContain("ghp_abcdefghijklmnop", "abc.def-ghi_jkl", "sk-ant-api03", "hunter2")
                .contains("push with", "••••");
        assertThat(Redactor.redact("fatal: could not read from https://alice:s3cret-42@github.com/acme/app.git"))
                .isEqualTo("fatal: could not read from https://alice:••••@github.com/acme/app.git");
        assertThat(Redactor.redact("git@github.com:acme/app.git and https://alice@bitbucket.org/t/r.git"))
                .as("a user name alone is no secret").isEqualTo("git@github.com:acme/app.git and "
                        + "https://alice@bitbucket.org/t/r.git");
        assertThat(Redactor.redact("session ses_01 finished: 3 files changed")).isEqualTo(
                "session ses_01 finished: 3 files changed");
    }

    @Test
    void repositoryLocationTellsUrlsFromPaths() {
        assertThat(RepositoryLocation.isUrl("https://github.com/o/r.git")).isTrue();
        assertThat(RepositoryLocation.isUrl("git@github.com:o/r.git")).isTrue();
        assertThat(RepositoryLocation.isUrl("ssh://git@host:2222/r")).isTrue();
        assertThat(RepositoryLocation.isUrl("file:///srv/git/r")).isTrue();
        assertThat(RepositoryLocation.isUrl("/home/me/repo")).isFalse();
        assertThat(RepositoryLocation.isUrl("C:\\work\\repo")).isFalse();
        assertThat(RepositoryLocation.isUrl("https://")).isFalse();
    }

    @Test
    void repositoriesWhoseReadableNamesAgreeGetFoldersOfTheirOwnAndNoFolderNameCarriesACredential() {
        assertThat(RepositoryLocation.slug("/x/a-b/c")).isNotEqualTo(RepositoryLocation.slug("/x/a/b-c"))
                .startsWith("x-a-b-c-");
        assertThat(RepositoryLocation.slug("https://github.com/foo/bar-baz"))
                .isNotEqualTo(RepositoryLocation.slug("https://github.com/foo-bar/baz"));
        assertThat(RepositoryLocation.slug("https://github.com/o/r.git"))
                .isEqualTo(RepositoryLocation.slug("https://github.com/o/r/"))
                .isEqualTo(RepositoryLocation.slug("https://x-access-token:ghp_s3cret@github.com/o/r"))
                .doesNotContain("s3cret").matches("[A-Za-z0-9._-]+");
        assertThat(RepositoryLocation.slug("/" + "deep/".repeat(40) + "repo")).hasSizeLessThanOrEqualTo(71);
    }

    @Test
    void draftTitleFallsBackToThePromptsFirstLine() {
        ObjectiveDraft d = new ObjectiveDraft(" ", "  Fix the flaky test\nIt fails on CI ", "/r", null, null);
        assertThat(d.effectiveTitle()).isEqualTo("Fix the flaky test");
        assertThat(d.managerAgent()).as("null: Bosun's default, decided when the objective is created").isNull();
        assertThat(new ObjectiveDraft("", "x".repeat(200), "/r", "", AgentKind.CODEX).effectiveTitle())
                .hasSize(80).endsWith("…");
    }

    /** What an agent wrote reaches the operator with its spoofing characters shown, its lines and tabs kept. */
    @org.junit.jupiter.api.Test
    void agentTextShowsItsBidiAndZeroWidthCharacters() {
        org.assertj.core.api.Assertions.assertThat(UnsafeText.visible("ok\tline\nfile\u202Etxt.exe\u200B"))
                .isEqualTo("ok\tline\nfile\uFFFDtxt.exe\uFFFD");
        org.assertj.core.api.Assertions.assertThat(UnsafeText.visible("plain")).isEqualTo("plain");
    }
}

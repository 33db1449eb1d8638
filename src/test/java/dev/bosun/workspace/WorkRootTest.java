package dev.bosun.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bosun.domain.Ids;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkRootTest {
    final WorkRoot root = new WorkRoot("/srv/bosun/work/");
    final String session = Ids.next("ses", Instant.now());

    @Test
    void onlyTheSessionsOwnCheckoutMayBeDeleted() {
        assertThat(root.refuseDeletion("/srv/bosun/work/" + session, session)).isEmpty();
        assertThat(root.checkoutOf(session)).isEqualTo("/srv/bosun/work/" + session);
    }

    @Test
    void everythingElseIsRefusedWithAReason() {
        String other = Ids.next("ses", Instant.now());
        assertThat(root.refuseDeletion("/srv/bosun/work", session)).get().asString().contains("work root itself");
        assertThat(root.refuseDeletion("/srv/bosun/work/", session)).get().asString().contains("work root itself");
        assertThat(root.refuseDeletion("/srv/bosun/work/.bosun-cache", session)).get().asString().contains("cache");
        assertThat(root.refuseDeletion("/srv/bosun/work/.bosun-cache/x.git", session)).get().asString()
                .contains("cache");
        assertThat(root.refuseDeletion("/srv/bosun/work/" + session + "/..", session)).get().asString()
                .contains("not a plain path");
        assertThat(root.refuseDeletion("/srv/bosun/work/../etc", session)).isPresent();
        assertThat(root.refuseDeletion("/srv/bosun/work/" + other, session)).get().asString().contains("is not");
        assertThat(root.refuseDeletion("/srv/bosun/work/" + session + "/src", session)).isPresent();
        assertThat(root.refuseDeletion("/srv/bosun/work//" + session, session)).isPresent();
        assertThat(root.refuseDeletion("/srv/bosun/work/x", "x")).get().asString().contains("not a session id");
        assertThat(root.refuseDeletion("/", session)).isPresent();
        assertThat(root.refuseDeletion("", session)).isPresent();
        assertThat(root.refuseDeletion(null, session)).isPresent();
    }

    @Test
    void aWorkRootMustBeAnAbsoluteFolderOtherThanRoot() {
        assertThatThrownBy(() -> new WorkRoot("/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkRoot("relative/work")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WorkRoot("/a/..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> root.checkoutOf("../x")).isInstanceOf(IllegalArgumentException.class);
    }
}

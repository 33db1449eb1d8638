package dev.bosun.workspace;

import dev.bosun.exec.Executor;
import dev.bosun.testing.TestSshd;

/** The same checkouts over a real sshd on loopback (the "remote" sees this machine's files). */
class SshCheckoutTest extends CheckoutContract {
    private Executor ssh;

    @Override
    Executor executor() {
        if (ssh == null) {
            ssh = TestSshd.executor();
        }
        return ssh;
    }
}
